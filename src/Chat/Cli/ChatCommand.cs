using System.CommandLine;
using System.Text.Json;
using LiveShop.Chat.Hosting;
using LiveShop.Kernel.Orchestration;
using LiveShop.Memory.Data;
using LiveShop.Memory.Database;
using LiveShop.Memory.Serialization;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LiveShop.Chat.Cli;

/// <summary>
/// <c>chat [--user founder] [--persona NAME] [--conversation ID] "MESSAGE"</c>: the operator's chat turn without HTTP;
/// prints the CONTRACTS.md §2 JSON on stdout. Bad input exits 2 with <c>{"error": "…"}</c> on stderr.
/// </summary>
internal static class ChatCommand
{
    public static Command Create()
    {
        var message = new Argument<string>("message") { Description = "What to ask; may start with @persona" };
        var user = new Option<string>("--user") { Description = "The user the turn runs for: a role (founder) or an email", DefaultValueFactory = _ => "founder" };
        var persona = new Option<string?>("--persona") { Description = "The persona to answer (default: @name in the message, else routed by intent)" };
        var conversation = new Option<string?>("--conversation") { Description = "Continue this conversation id" };
        var command = new Command("chat", "One chat turn as the given user; prints the reply and the actions as JSON.") { message, user, persona, conversation };
        command.SetAction(async (result, cancellationToken) =>
        {
            Guid? conversationId = null;
            if (result.GetValue(conversation) is { } text)
            {
                if (!Guid.TryParse(text, out var parsed)) return Fail(result, $"--conversation '{text}' is not a conversation id");
                conversationId = parsed;
            }
            var configuration = LiveShopConfiguration.Build();
            await using var host = await CliHost.OpenAsync(configuration, result.Error(), cancellationToken);
            var services = host.Services;
            var email = await ResolveUserAsync(services, result.GetValue(user)!, cancellationToken);
            if (email is null) return Fail(result, $"--user '{result.GetValue(user)}' names no enabled user (give a role such as founder, or an email)");
            try
            {
                var turn = await services.GetRequiredService<ChatTurnService>().RunAsync(new ChatTurnRequest
                {
                    ConversationId = conversationId, Message = result.GetValue(message)!, User = email, Persona = result.GetValue(persona),
                }, cancellationToken);
                result.Out().WriteLine(JsonSerializer.Serialize(turn, JsonDefaults.Options));
                return 0;
            }
            catch (ChatTurnException e)
            {
                return Fail(result, e.Message);
            }
        });
        return command;
    }

    private static async Task<string?> ResolveUserAsync(IServiceProvider services, string user, CancellationToken cancellationToken)
    {
        var wanted = user.Trim().ToLowerInvariant();
        await using var db = await services.GetRequiredService<IDbContextFactory<LiveShopDbContext>>().CreateDbContextAsync(cancellationToken);
        var match = await db.Users.AsNoTracking()
            .Where(u => !u.Disabled && (u.Email == wanted || (!wanted.Contains('@') && u.Role == wanted)))
            .OrderBy(u => u.CreatedAt).ThenBy(u => u.Email)
            .FirstOrDefaultAsync(cancellationToken);
        return match?.Email;
    }

    private static int Fail(ParseResult result, string error)
    {
        result.Error().WriteLine(JsonSerializer.Serialize(new { error }, JsonDefaults.Options));
        return LiveShopCli.UsageExitCode;
    }
}
