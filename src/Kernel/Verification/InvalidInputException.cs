namespace LiveShop.Kernel.Verification;

/// <summary>The input itself is invalid (unreadable, malformed, mistyped or incomplete); the message says which field.</summary>
public sealed class InvalidInputException : Exception
{
    /// <summary>Creates the exception with a message fit to show the caller.</summary>
    public InvalidInputException(string message, Exception? inner = null) : base(message, inner) { }
}
