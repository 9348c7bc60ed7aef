using YamlDotNet.RepresentationModel;

namespace LiveShop.Kernel.Personas.Catalog;

/// <summary>Reads a persona's front-matter mapping strictly and records problems as "file:line: message".</summary>
internal sealed class FrontMatter(string file, YamlMappingNode mapping, List<string> errors)
{
    // The front matter starts on line 2 of the file (line 1 is the opening '---').
    private const int LineOffset = 1;

    public void RejectUnknownKeys(IReadOnlyCollection<string> allowed)
    {
        foreach (var key in mapping.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name))
                Error(key, $"unknown front-matter key '{name}'; allowed keys: {string.Join(", ", allowed)}");
        }
        foreach (var required in allowed)
        {
            if (!mapping.Children.ContainsKey(new YamlScalarNode(required)))
                errors.Add($"{file}:{mapping.Start.Line + LineOffset}: missing front-matter key '{required}'");
        }
    }

    /// <summary>A non-empty scalar, or null (with an error when present but malformed; missing keys are reported once elsewhere).</summary>
    public string? Text(string key)
    {
        if (!mapping.Children.TryGetValue(new YamlScalarNode(key), out var node))
            return null;
        if (node is not YamlScalarNode scalar || string.IsNullOrWhiteSpace(scalar.Value))
        {
            Error(node, $"'{key}' must be non-empty text");
            return null;
        }
        return scalar.Value.Trim();
    }

    /// <summary>A non-empty list of non-empty scalars, or null.</summary>
    public IReadOnlyList<string>? List(string key)
    {
        if (!mapping.Children.TryGetValue(new YamlScalarNode(key), out var node))
            return null;
        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            Error(node, $"'{key}' must be a non-empty list");
            return null;
        }
        var items = new List<string>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value))
                items.Add(value.Trim());
            else
                Error(item, $"every entry of '{key}' must be non-empty text");
        }
        return items.Count == sequence.Children.Count ? items : null;
    }

    public void ErrorAt(string key, string message)
    {
        var node = mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : mapping;
        Error(node, message);
    }

    private void Error(YamlNode node, string message) =>
        errors.Add($"{file}:{node.Start.Line + LineOffset}: {message}");
}
