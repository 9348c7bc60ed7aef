using LiveShop.Chat.Access;
using LiveShop.Kernel.Policies;
using LiveShop.Plugins.Sandbox.Live;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveShop.Chat.Api;

/// <summary><c>/api/sandbox</c>: pause, resume and inspect the live sandbox simulation of this host.</summary>
public static class SandboxApi
{
    public static IEndpointRouteBuilder MapSandboxApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/sandbox");
        group.MapGet("/status", Status).WithName("SandboxStatus").WithSummary("Whether the sandbox simulation ticks here, its speed and simulated clock.");
        // Stopping or starting simulated time changes what every agent sees: roles granted sandbox_control only (everyone
        // signed in may read the status).
        group.MapPost("/pause", Pause).WithName("PauseSandbox").WithSummary("Stop simulated time.").DisableAntiforgery()
            .RequireConsoleOperation(ConsoleOperations.SandboxControl);
        group.MapPost("/resume", Resume).WithName("ResumeSandbox").WithSummary("Let simulated time run again.").DisableAntiforgery()
            .RequireConsoleOperation(ConsoleOperations.SandboxControl);
        return endpoints;
    }

    private static Ok<SandboxStatus> Status(ISandboxControl control) => TypedResults.Ok(control.Status);

    private static Ok<SandboxStatus> Pause(ISandboxControl control)
    {
        control.Pause();
        return TypedResults.Ok(control.Status);
    }

    private static Ok<SandboxStatus> Resume(ISandboxControl control)
    {
        control.Resume();
        return TypedResults.Ok(control.Status);
    }
}
