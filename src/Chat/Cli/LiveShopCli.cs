using System.CommandLine;
using System.CommandLine.Parsing;
using LiveShop.Plugins.Integrations;
using Microsoft.Extensions.Options;

namespace LiveShop.Chat.Cli;

/// <summary>
/// The command line of the one LiveShop executable. <c>serve</c> is the default verb; an unknown verb or a
/// bad option prints the usage to stderr and exits with 2.
/// </summary>
public static class LiveShopCli
{
    /// <summary>Exit code for a command line that could not be understood.</summary>
    public const int UsageExitCode = 2;

    /// <summary>Exit code when the configuration (an integration's settings, an option out of range) stops a verb before it starts.</summary>
    public const int ConfigurationExitCode = 3;

    /// <summary>Parses and runs a command line; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        // Parsing is inside too: a verb's defaults come from the configuration, which is validated as it is read.
        try
        {
            return await ParseAndInvokeAsync(args, stdout, stderr);
        }
        catch (IntegrationConfigurationException e)
        {
            // Every problem at once, without a stack trace; the message names settings, never their values.
            await stderr.WriteLineAsync($"liveshop: {e.Message}");
            return ConfigurationExitCode;
        }
        catch (Exception e) when (OptionFailures(e) is { Count: > 0 } failures)
        {
            // Options the host validates at start (ValidateOnStart) are wrong: each failure names its setting, never its value.
            foreach (var failure in failures) await stderr.WriteLineAsync($"liveshop: {failure}");
            return ConfigurationExitCode;
        }
        catch (Memory.Database.ClusterException e)
        {
            // The database could not be prepared (cluster, roles, migrations); the message says what to do.
            await stderr.WriteLineAsync($"liveshop: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> ParseAndInvokeAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = BuildRoot();
        // "@cfo …" addresses a persona in `chat`; it must never be read as a response file.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) stderr.WriteLine($"liveshop: {error.Message}");
            stderr.WriteLine();
            // Usage of the deepest verb that was understood, on stderr.
            await root.Parse([.. VerbPath(parsed.CommandResult), "--help"]).InvokeAsync(new InvocationConfiguration { Output = stderr });
            return UsageExitCode;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }

    // One options type failing throws its OptionsValidationException; several at start throw them together. A value the
    // binder cannot convert (a word where a number belongs) throws while options are resolved at start, naming its key.
    private static List<string>? OptionFailures(Exception e) => e switch
    {
        OptionsValidationException options => [.. options.Failures],
        InvalidOperationException bind when bind.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => [bind.Message],
        AggregateException all when all.InnerExceptions.All(i => i is OptionsValidationException) =>
            [.. all.InnerExceptions.Cast<OptionsValidationException>().SelectMany(o => o.Failures)],
        _ => null,
    };

    private static IEnumerable<string> VerbPath(CommandResult result)
    {
        var path = new Stack<string>();
        for (SymbolResult? r = result; r is CommandResult { Parent: not null } c; r = c.Parent) path.Push(c.Command.Name);
        return path;
    }

    /// <summary>The verb tree; later features add their verbs here.</summary>
    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand("LiveShop Agents: the conversational operating system of a live-shopping business.") { HelpName = "liveshop" };
        ServeCommand.Configure(root);
        root.Add(ServeCommand.Create());
        root.Add(DbCommand.Create());
        root.Add(SeedCommand.Create());
        root.Add(AuditCommand.Create());
        root.Add(KbCommand.Create());
        root.Add(ChatCommand.Create());
        root.Add(ApprovalsCommand.Create());
        root.Add(UndoCommand.Create());
        root.Add(PolicyCommand.Create());
        root.Add(GatewayCommand.Create());
        root.Add(VerifyCommand.Create());
        root.Add(ProofCommand.Create());
        root.Add(SimulateCommand.Create());
        root.Add(UsersCommand.Create());
        root.Add(ApiKeyCommand.Create());
        root.Add(LinkCommand.Create());
        root.Add(IntegrationsCommand.Create());
        root.Add(MetricsCommand.Create());
        root.Add(SchedulesCommand.Create());
        root.Add(AutonomyCommand.Create());
        root.Add(ReactionsCommand.Create());
        root.Add(AlertsCommand.Create());
        foreach (var verb in BesideVerbs.Create()) root.Add(verb);
        return root;
    }
}
