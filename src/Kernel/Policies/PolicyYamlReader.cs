using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LiveShop.Kernel.Policies;

/// <summary>
/// Reads one YAML mapping of a policy file strictly: every key must be known, every value of the right type,
/// every number present and not negative; errors name the file and line.
/// </summary>
internal sealed class PolicyYamlReader
{
    private readonly string _source;
    private readonly YamlMappingNode _mapping;
    private readonly string _path;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public PolicyYamlReader(string source, YamlNode node, string path)
    {
        _source = source;
        _path = path;
        _mapping = node as YamlMappingNode
            ?? throw Error(node.Start, $"'{path}' must be a mapping of settings");
    }

    public PolicyYamlReader Section(string key) => new(_source, Required(key), Join(key));

    /// <summary>Every key of this mapping in file order (for sections whose keys are names, such as roles).</summary>
    public IReadOnlyList<(string Key, Mark Start)> Keys() =>
        [.. _mapping.Children.Select(pair => ((pair.Key as YamlScalarNode)?.Value ?? "", pair.Key.Start))];

    /// <summary>The start of this mapping, for errors about the mapping as a whole.</summary>
    public Mark Start => _mapping.Start;

    /// <summary>The dotted path of a key of this mapping, for error messages.</summary>
    public string PathOf(string key) => Join(key);

    public decimal Decimal(string key)
    {
        var scalar = Scalar(key);
        if (!decimal.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw Error(scalar.Start, $"'{Join(key)}' must be a number, not '{scalar.Value}'");
        if (value < 0)
            throw Error(scalar.Start, $"'{Join(key)}' must not be negative ({scalar.Value})");
        return value;
    }

    public int Integer(string key)
    {
        var scalar = Scalar(key);
        if (!int.TryParse(scalar.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw Error(scalar.Start, $"'{Join(key)}' must be a whole number, not '{scalar.Value}'");
        if (value < 0)
            throw Error(scalar.Start, $"'{Join(key)}' must not be negative ({scalar.Value})");
        return value;
    }

    public bool Boolean(string key)
    {
        var scalar = Scalar(key);
        return scalar.Value switch
        {
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => throw Error(scalar.Start, $"'{Join(key)}' must be true or false, not '{scalar.Value}'"),
        };
    }

    public IReadOnlyList<string> StringList(string key)
    {
        var node = Required(key);
        if (node is not YamlSequenceNode sequence)
            throw Error(node.Start, $"'{Join(key)}' must be a list");
        var items = new List<string>(sequence.Children.Count);
        foreach (var child in sequence.Children)
        {
            if (child is not YamlScalarNode { Value: { Length: > 0 } text })
                throw Error(child.Start, $"'{Join(key)}' items must be non-empty text");
            items.Add(text);
        }
        return items;
    }

    /// <summary>Fails on the first key nobody asked for, so a misspelt setting never silently falls back.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (keyNode, _) in _mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!_read.Contains(key))
                throw Error(keyNode.Start, $"unknown setting '{Join(key)}'");
        }
    }

    public PolicyException Error(Mark mark, string message) =>
        new($"{_source}:{mark.Line}: invalid policy: {message}");

    private YamlScalarNode Scalar(string key)
    {
        var node = Required(key);
        if (node is not YamlScalarNode scalar || string.IsNullOrEmpty(scalar.Value))
            throw Error(node.Start, $"'{Join(key)}' must be a single value");
        return scalar;
    }

    private YamlNode Required(string key)
    {
        _read.Add(key);
        if (_mapping.Children.TryGetValue(new YamlScalarNode(key), out var node))
            return node;
        throw Error(_mapping.Start, $"'{Join(key)}' is missing");
    }

    private string Join(string key) => _path.Length == 0 ? key : $"{_path}.{key}";
}
