using LiveShop.Memory.Events.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Kernel.Automation.Reactions;

/// <summary>Registers the event reactions as subscriptions, which the subscription runner drives.</summary>
public static class ReactionServices
{
    /// <summary>Adds every reaction.</summary>
    public static IServiceCollection AddReactions(this IServiceCollection services)
    {
        services.AddSingleton<IEventSubscription, TicketReaction>();
        services.AddSingleton<IEventSubscription, RepeatedFaultReaction>();
        services.AddSingleton<IEventSubscription, ReorderReaction>();
        services.AddSingleton<IEventSubscription, SupplierCostReaction>();
        return services;
    }
}
