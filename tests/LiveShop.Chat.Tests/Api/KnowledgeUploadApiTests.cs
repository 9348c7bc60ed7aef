using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LiveShop.Chat.Tests.Chat;
using LiveShop.Chat.Tests.Support;

namespace LiveShop.Chat.Tests.Api;

/// <summary>
/// Knowledge uploads over the API and the CLI: over the size limit → 413 problem+json / a message and a non-zero exit;
/// within it → 202 at once, embedded by the background worker, progress readable until ready.
/// </summary>
public sealed class KnowledgeUploadApiTests(KnowledgeUploadServer server) : IClassFixture<KnowledgeUploadServer>
{
    private static string Handbook(int sections) =>
        "# Packing handbook\n\n" + string.Concat(Enumerable.Range(1, sections).Select(s =>
            $"## Step {s}\n\n{string.Join(' ', Enumerable.Range(1, 250).Select(i => $"wrap{s}x{i % 13}"))}\n\n"));

    private Dictionary<string, string> Environment => new()
    {
        ["ConnectionStrings__LiveShop"] = server.Database.ConnectionString,
        ["ConnectionStrings__LiveShopOwner"] = server.Database.OwnerConnectionString,
        ["LiveShop__DataDirectory"] = server.DataDirectory,
        ["Knowledge__MaxUploadBytes"] = KnowledgeUploadServer.MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Upload_over_the_limit_is_refused_with_413_whether_or_not_it_declares_its_length()
    {
        var big = Encoding.UTF8.GetBytes(Handbook(40));
        Assert.True(big.Length > KnowledgeUploadServer.MaxBytes);

        var declared = await server.Client.PostAsync("/api/knowledge/uploads?file_name=big.md", new ByteArrayContent(big));
        var problem = await ProblemAsync(declared);
        Assert.Contains("Knowledge:MaxUploadBytes", problem.GetProperty("detail").GetString());

        var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/knowledge/uploads?file_name=big-chunked.md") { Content = new StreamContent(new MemoryStream(big)) };
        chunked.Headers.TransferEncodingChunked = true;
        await ProblemAsync(await server.Client.SendAsync(chunked));

        var list = JsonDocument.Parse(await server.Client.GetStringAsync("/api/knowledge/uploads")).RootElement;
        Assert.DoesNotContain(list.EnumerateArray(), u => u.GetProperty("file_name").GetString()!.StartsWith("big", StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(server.DataDirectory, "knowledge-uploads"), "big*"));
    }

    [Fact]
    public async Task Upload_within_the_limit_is_accepted_at_once_and_embedded_in_the_background_with_progress()
    {
        var response = await server.Client.PostAsync("/api/knowledge/uploads?file_name=packing.md", new StringContent(Handbook(6), Encoding.UTF8, "text/markdown"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var queued = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Contains(queued.GetProperty("status").GetString(), new[] { "queued", "embedding", "ready" });
        var id = queued.GetProperty("id").GetGuid();
        Assert.Equal($"/api/knowledge/uploads/{id}", response.Headers.Location?.OriginalString);

        // A generous bounded wait on the final state; nothing is asserted about how long it took.
        JsonElement progress = default;
        for (var attempt = 0; attempt < 600; attempt++)
        {
            progress = JsonDocument.Parse(await server.Client.GetStringAsync($"/api/knowledge/uploads/{id}")).RootElement.Clone();
            if (progress.GetProperty("status").GetString() is "ready" or "failed") break;
            await Task.Delay(200);
        }
        Assert.Equal("ready", progress.GetProperty("status").GetString());
        Assert.True(progress.GetProperty("chunks_total").GetInt32() >= 6);
        Assert.Equal(progress.GetProperty("chunks_total").GetInt32(), progress.GetProperty("chunks_embedded").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, progress.GetProperty("document_id").ValueKind);
    }

    [Fact]
    public async Task Support_may_not_add_knowledge()
    {
        var support = await server.ClientForAsync(ChatTestData.Support);

        var response = await support.PostAsync("/api/knowledge/uploads?file_name=note.md", new StringContent("# Note\n\nhello"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Cli_kb_add_refuses_a_file_over_the_limit_with_a_message_and_a_non_zero_exit()
    {
        var file = Path.Combine(server.DataDirectory, "cli-big.md");
        await File.WriteAllTextAsync(file, Handbook(40));

        var result = await CliProcess.RunAsync(["kb", "add", file], Environment);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("over the knowledge upload limit", result.StandardError);
        var list = await CliProcess.RunAsync(["kb", "list"], Environment);
        Assert.Equal(0, list.ExitCode);
        Assert.DoesNotContain("cli-big.md", list.StandardOutput);
    }
}

/// <summary>The host (one seeded day, so the support user exists) with a small knowledge upload limit (64 KiB).</summary>
public sealed class KnowledgeUploadServer : LiveShopServer
{
    public const long MaxBytes = 64 * 1024;

    protected override int SeedDays => 1;

    protected override IEnumerable<string> ExtraArguments => [$"--Knowledge:MaxUploadBytes={MaxBytes}"];
}
