namespace LiveShop.Memory.Database;

/// <summary>Where the business database lives: a configured connection string, or the private cluster.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Configuration section of the private-cluster settings.</summary>
    public const string Section = "Database";

    /// <summary>
    /// A configured connection string (<c>ConnectionStrings:LiveShop</c>), the application login the host and the verbs
    /// connect as; when set, no private cluster is started.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The owner login of a configured server (<c>ConnectionStrings:LiveShopOwner</c>): migrations and grants run with it.
    /// When absent, <see cref="ConnectionString"/> does both jobs, and start-up says what that login may do.
    /// </summary>
    public string? OwnerConnectionString { get; set; }

    /// <summary>Directory for the cluster's files; must be reachable by the <c>postgres</c> OS user. Defaults per machine.</summary>
    public string? ClusterDirectory { get; set; }

    /// <summary>TCP port of the private cluster on 127.0.0.1; a free one is chosen (and remembered) when absent.</summary>
    public int? Port { get; set; }

    /// <summary>Name of the database inside the private cluster.</summary>
    public string DatabaseName { get; set; } = "liveshop";
}
