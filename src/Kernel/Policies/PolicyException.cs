namespace LiveShop.Kernel.Policies;

/// <summary>A policy file that cannot be loaded; the message names the file and, when known, the line.</summary>
public sealed class PolicyException : Exception
{
    /// <summary>Creates the exception with a message that already names the file and line.</summary>
    public PolicyException(string message, Exception? inner = null) : base(message, inner) { }
}
