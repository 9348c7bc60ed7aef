using System.Text.RegularExpressions;

namespace LiveShop.Kernel.Personas.Catalog;

/// <summary>The <c>{{> fragment}}</c> include directive persona bodies use to pull in <c>prompts/_shared/fragment.md</c>.</summary>
internal static partial class FragmentDirective
{
    /// <summary>Matches any <c>{{> …}}</c>; the name group is validated separately so a malformed name is reported.</summary>
    public static Regex Pattern { get; } = DirectiveRegex();

    [GeneratedRegex(@"\{\{>\s*(?<name>[^}\s]*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex DirectiveRegex();
}
