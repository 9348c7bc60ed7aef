namespace LiveShop.Kernel.Assistance;

/// <summary>
/// Answers a question asked inline (a Slack mention, a Teams message) under the asker's own identity. It only answers:
/// anything that changes the world goes through the action pipeline with the asker's identity.
/// </summary>
public interface IInlineAssistant
{
    /// <summary>The answer text for <paramref name="text"/> asked by <paramref name="userEmail"/>.</summary>
    Task<string> AskAsync(string userEmail, string text, CancellationToken cancellationToken);
}
