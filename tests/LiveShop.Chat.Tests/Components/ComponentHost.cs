using System.Security.Claims;
using Bunit;
using LiveShop.Chat.Tests.Support;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Orchestration;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Chat.Tests.Components;

/// <summary>
/// A bUnit context whose services fall back to the running host's (real database, real action pipeline), signed in as
/// the given user, and helpers that make real actions through the offline planner to render.
/// </summary>
public static class ComponentHost
{
    /// <summary>The seeded support user, who may never approve.</summary>
    public const string SupportEmail = "support@liveshop.local";

    /// <summary>A context over <paramref name="server"/>'s services, signed in as <paramref name="email"/> with <paramref name="role"/> (or signed out when null).</summary>
    public static BunitContext Create(LiveShopServer server, string? email = LiveShopServer.FounderEmail, string role = "founder")
    {
        var context = new BunitContext();
        context.Services.AddFallbackServiceProvider(server.Services);
        var authorization = context.AddAuthorization();
        if (email is not null)
        {
            authorization.SetAuthorized(email);
            authorization.SetRoles(role);
            authorization.SetClaims(new Claim(ClaimTypes.Email, email));
        }
        // Not interactive: pages render once and start no refresh timers in a test.
        context.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        return context;
    }

    /// <summary>Runs a chat turn as the founder through the host's real pipeline (offline planner) and returns its only action.</summary>
    public static async Task<ChatAction> ActAsync(LiveShopServer server, string message)
    {
        var turn = await server.Services.GetRequiredService<ChatTurnService>()
            .RunAsync(new ChatTurnRequest { Message = message, User = LiveShopServer.FounderEmail }, CancellationToken.None);
        return Assert.Single(turn.Actions);
    }

    /// <summary>The approval request of an action, as the gate reads it now.</summary>
    public static async Task<ApprovalRecord> ApprovalOfAsync(LiveShopServer server, ChatAction action) =>
        (await server.Services.GetRequiredService<ApprovalGate>().GetAsync(action.ApprovalId!.Value, CancellationToken.None))!;
}
