namespace LiveShop.Kernel.Verification;

/// <summary>How a parameter's value must be typed.</summary>
public enum ParameterKind
{
    /// <summary>An identifier: text, or a number taken as its text.</summary>
    Id,
    /// <summary>Free text.</summary>
    Text,
    /// <summary>A decimal number, or text holding one (tool-call arguments arrive as text).</summary>
    Number,
    /// <summary>An amount of money: a number with at most <see cref="StoreCurrency.Decimals"/> decimals.</summary>
    Money,
    /// <summary>A whole number, or text holding one.</summary>
    WholeNumber,
    /// <summary>true or false, or text holding one of them.</summary>
    Flag,
    /// <summary>A JSON object, or text holding one (tool-call arguments arrive as text).</summary>
    Object,
}

/// <summary>One declared parameter of an action.</summary>
public sealed record ParameterSpec(string Name, ParameterKind Kind, bool Required = true, string Description = "");
