namespace LiveShop.Memory.Database;

/// <summary>Where the business database lives: a configured connection string, or the private cluster.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Configuration section of the private-cluster settings.</summary>
    public const string Section = "Database";

    /// <summary>A configured connection string (<c>ConnectionStrings:LiveShop</c>); when set, no private cluster is started.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Directory for the cluster's files; must be reachable by the <c>postgres</c> OS user. Defaults per machine.</summary>
    public string? ClusterDirectory { get; set; }

    /// <summary>TCP port of the private cluster on 127.0.0.1; a free one is chosen (and remembered) when absent.</summary>
    public int? Port { get; set; }

    /// <summary>Name of the database inside the private cluster.</summary>
    public string DatabaseName { get; set; } = "liveshop";
}
