using LiveShop.Kernel.Assistance;
using LiveShop.Kernel.Orchestration;

namespace LiveShop.Chat.Messaging;

/// <summary>
/// Inline answers in Slack and Teams: order questions are answered straight from the store (fast, exact, nothing
/// proposed); anything else is a chat turn with the persona the router picks, run as the asker — so whatever the persona
/// proposes passes the proof filter with the asker's identity and permissions.
/// </summary>
public sealed class PersonaInlineAssistant(OrderQuestionAssistant orders, ChatTurnService chat) : IInlineAssistant
{
    /// <inheritdoc />
    public async Task<string> AskAsync(string userEmail, string text, CancellationToken cancellationToken)
    {
        if (OrderQuestionAssistant.MentionsOrder(text))
            return await orders.AskAsync(userEmail, text, cancellationToken);
        try
        {
            var turn = await chat.RunAsync(new ChatTurnRequest { Message = text, User = userEmail, AllowGoals = false }, cancellationToken);
            return $"{turn.Persona}: {turn.Reply}";
        }
        catch (ChatTurnException e)
        {
            return e.Message;
        }
    }
}
