using System.Security.Cryptography;
using System.Text;

namespace LiveShop.Memory.Database;

/// <summary>
/// Everything needed to run one private PostgreSQL cluster. The run cluster is durable and password
/// protected; the throwaway test cluster trades durability for speed and trusts loopback.
/// </summary>
public sealed record ClusterSettings
{
    /// <summary>Directory holding the cluster's data files (PGDATA).</summary>
    public required string ClusterDirectory { get; init; }

    /// <summary>LiveShop's own data directory: the roles' passwords and the remembered port live here.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Configured port; when null a free port is picked once and remembered.</summary>
    public int? Port { get; init; }

    /// <summary>True for a cluster that holds a user's data: fsync on and a generated password.</summary>
    public required bool Durable { get; init; }

    /// <summary>Name of the application database created inside the cluster.</summary>
    public string DatabaseName { get; init; } = "liveshop";

    /// <summary>PostgreSQL server binaries.</summary>
    public string BinDirectory { get; init; } = "/usr/lib/postgresql/15/bin";

    /// <summary>The settings of the run cluster (durable) or test cluster (fast) for a data directory.</summary>
    public static ClusterSettings For(string stateDirectory, bool durable, string? clusterDirectory = null, int? port = null, string databaseName = "liveshop")
    {
        var state = Path.GetFullPath(stateDirectory);
        var name = $"{ShortHash(state)}-{(durable ? "run" : "test")}";
        return new ClusterSettings
        {
            StateDirectory = state,
            ClusterDirectory = clusterDirectory ?? DefaultClusterDirectory(state, name),
            Port = port,
            Durable = durable,
            DatabaseName = databaseName,
        };
    }

    // Root cannot run postgres, and the postgres OS user cannot traverse a checkout under /root,
    // so as root the cluster lives in a directory owned by postgres, named after the data directory.
    private static string DefaultClusterDirectory(string state, string name) =>
        OperatingSystem.IsLinux() && Environment.UserName == "root"
            ? Path.Combine("/var/lib/liveshop/clusters", name)
            : Path.Combine(state, "postgres", name);

    private static string ShortHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
}
