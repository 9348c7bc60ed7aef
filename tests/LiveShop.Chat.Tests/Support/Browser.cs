using Microsoft.Playwright;

namespace LiveShop.Chat.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (installed by the project's set-up script, never downloaded by
/// Playwright), one browser per test class. Screenshots land in <c>.build/screenshots</c> as test artefacts.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright? _playwright;

    /// <summary>The running browser.</summary>
    public IBrowser Instance { get; private set; } = null!;

    /// <summary>Where screenshots are saved.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(LiveShop.Testing.TestCluster.RepositoryRoot, ".build", "screenshots");

    public async Task InitializeAsync()
    {
        const string chromium = "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException("Chromium is not installed; run scripts/install-prerequisites.sh --browser (./test.sh does)");
        _playwright = await Playwright.CreateAsync();
        Instance = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A new page (its own cookies) on the sign-in form, with <paramref name="returnPath"/> as where to go after.</summary>
    public async Task<IPage> OpenSignInAsync(Uri baseAddress, string returnPath = "/")
    {
        var context = await Instance.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin?ReturnUrl=" + Uri.EscapeDataString(returnPath));
        return page;
    }

    /// <summary>Fills and submits the sign-in form on <paramref name="page"/>.</summary>
    public static async Task SubmitSignInAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>Signs in through the /signin page as the user, lands on <paramref name="path"/> and waits for the interactive circuit.</summary>
    public async Task<IPage> OpenInteractiveAsync(Uri baseAddress, string path, string email = LiveShopServer.FounderEmail, string password = LiveShopServer.FounderPassword)
    {
        var page = await OpenSignInAsync(baseAddress, path);
        var console = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        page.Response += (_, response) => { if (response.Status >= 400) console.Add($"HTTP {response.Status} {response.Url}"); };
        page.WebSocket += (_, socket) => console.Add($"websocket {socket.Url}");
        await SubmitSignInAsync(page, email, password);
        try
        {
            await page.Locator("[data-testid=render-mode]").Filter(new() { HasText = "interactive" }).WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        }
        catch (TimeoutException e)
        {
            var blazor = await page.EvaluateAsync<string>("() => 'Blazor ' + typeof Blazor + ', document ' + document.readyState");
            throw new TimeoutException($"the console never became interactive ({blazor}); browser console:\n{string.Join('\n', console)}", e);
        }
        return page;
    }

    /// <summary>Waits until the page's Blazor circuit is interactive (clicks before that do nothing).</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.Locator("[data-testid=render-mode]").Filter(new() { HasText = "interactive" }).WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    /// <summary>
    /// Chooses a file in a Blazor <c>InputFile</c> and waits until the page answers in <paramref name="answer"/>.
    /// InputFile wires its JavaScript just after the first interactive render; a file chosen before that is not seen,
    /// so it is chosen again until the page answers.
    /// </summary>
    public static async Task ChooseFileAsync(ILocator input, FilePayload file, ILocator answer)
    {
        for (var attempt = 0; attempt < 10 && await answer.CountAsync() == 0; attempt++)
        {
            await input.SetInputFilesAsync(file);
            try { await answer.WaitForAsync(new() { Timeout = 1_000 }); } catch (TimeoutException) { }
        }
    }

    /// <summary>Saves a full-page screenshot under <see cref="ScreenshotDirectory"/>.</summary>
    public static async Task SaveScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (Instance is not null) await Instance.DisposeAsync();
        _playwright?.Dispose();
    }
}
