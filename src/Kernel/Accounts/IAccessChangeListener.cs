namespace LiveShop.Kernel.Accounts;

/// <summary>
/// Told when a user's role or disabled state changed, so what the host remembers about that user (validated API keys)
/// is dropped at once rather than when it would have expired.
/// </summary>
public interface IAccessChangeListener
{
    /// <summary>The access of the user with this email changed; called after the change committed.</summary>
    void AccessChanged(string email);
}
