using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using LiveShop.Memory.Database.Privileges;
using Npgsql;

namespace LiveShop.Memory.Database;

/// <summary>State of a private cluster as <c>db status</c> reports it.</summary>
public sealed record ClusterStatus(bool Initialized, bool Running, int? Port, string ClusterDirectory);

/// <summary>
/// Creates, starts, stops and resets a private PostgreSQL cluster on 127.0.0.1. Safe to call from several
/// processes at once: every operation holds a lock file in the state directory.
/// </summary>
public sealed class PrivateCluster(ClusterSettings settings)
{
    private const string OsUser = "postgres";
    private static readonly bool RunAsPostgres = OperatingSystem.IsLinux() && Environment.UserName == "root";

    private const string MaintenanceDatabase = "postgres";

    private string PortFile => Path.Combine(settings.StateDirectory, settings.Durable ? "postgres-port" : "postgres-test-port");
    private string PasswordFile => Path.Combine(settings.StateDirectory, "postgres-password");
    private string OwnerPasswordFile => Path.Combine(settings.StateDirectory, "postgres-owner-password");
    private string ApplicationPasswordFile => Path.Combine(settings.StateDirectory, "postgres-app-password");
    private string LogFile => settings.ClusterDirectory.TrimEnd('/') + ".log";

    /// <summary>The settings this cluster runs with.</summary>
    public ClusterSettings Settings => settings;

    /// <summary>
    /// Initialises the cluster when needed, starts it, makes sure its owner and application roles exist (with generated
    /// passwords in the data directory) and that the database exists, owned by the owner role; returns its logins.
    /// The maintenance database <c>postgres</c> only addresses the server: it stays the superuser's.
    /// </summary>
    public async Task<DatabaseLogins> EnsureStartedAsync(CancellationToken cancellationToken = default)
    {
        using var _ = await AcquireLockAsync(cancellationToken);
        EnsurePostgresInstalled();
        if (!File.Exists(Path.Combine(settings.ClusterDirectory, "PG_VERSION")))
            await InitializeAsync(cancellationToken);
        var port = await StartIfStoppedAsync(cancellationToken);
        var server = await EnsureRolesAsync(port, cancellationToken);
        if (settings.DatabaseName != MaintenanceDatabase)
            await DatabaseProvisioning.EnsureOwnedAsync(server, settings.DatabaseName, cancellationToken);
        return server.ForDatabase(settings.DatabaseName);
    }

    /// <summary>Stops the cluster if it runs.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        using var _ = await AcquireLockAsync(cancellationToken);
        if (await IsRunningAsync(cancellationToken))
            await RunPgCtlAsync(["stop", "-D", settings.ClusterDirectory, "-m", "fast", "-w", "-t", "60"], cancellationToken);
    }

    /// <summary>Deletes every byte of the cluster's data, then initialises and starts it afresh.</summary>
    public async Task<DatabaseLogins> ResetAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken);
        using (await AcquireLockAsync(cancellationToken))
        {
            if (Directory.Exists(settings.ClusterDirectory))
                Directory.Delete(settings.ClusterDirectory, recursive: true);
        }
        return await EnsureStartedAsync(cancellationToken);
    }

    /// <summary>Whether the cluster exists and runs, and on which port.</summary>
    public async Task<ClusterStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var initialized = File.Exists(Path.Combine(settings.ClusterDirectory, "PG_VERSION"));
        var running = initialized && await IsRunningAsync(cancellationToken);
        return new ClusterStatus(initialized, running, ReadStoredPort(), settings.ClusterDirectory);
    }

    /// <summary>The logins of a database of this cluster (the cluster must be running).</summary>
    public DatabaseLogins LoginsFor(int port, string database) => new()
    {
        Administrator = ConnectionString(port, database, OsUser, PasswordFile),
        Owner = ConnectionString(port, database, DatabaseRoles.Owner, OwnerPasswordFile),
        Application = ConnectionString(port, database, DatabaseRoles.Application, ApplicationPasswordFile),
    };

    private string ConnectionString(int port, string database, string user, string passwordFile)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = user,
            Database = database,
            Pooling = true,
        };
        if (settings.Durable) builder.Password = File.ReadAllText(passwordFile).Trim();
        return builder.ConnectionString;
    }

    // The durable cluster gives each role a generated password kept, like the superuser's, in an owner-only file of the
    // data directory; a role whose file is new (first start, or the file was deleted) gets its password set again.
    private async Task<DatabaseLogins> EnsureRolesAsync(int port, CancellationToken cancellationToken)
    {
        var fresh = new Dictionary<string, bool>();
        foreach (var (role, file) in new[] { (DatabaseRoles.Owner, OwnerPasswordFile), (DatabaseRoles.Application, ApplicationPasswordFile) })
        {
            fresh[role] = settings.Durable && !File.Exists(file);
            if (fresh[role]) WriteSecretFile(file, GeneratePassword());
        }
        var server = LoginsFor(port, MaintenanceDatabase);
        await using var administrator = new NpgsqlConnection(server.Administrator);
        await administrator.OpenAsync(cancellationToken);
        foreach (var (role, login) in new[] { (DatabaseRoles.Owner, server.Owner), (DatabaseRoles.Application, server.Application) })
        {
            var password = new NpgsqlConnectionStringBuilder(login).Password;
            await DatabaseRoles.EnsureLoginAsync(administrator, role, password, resetPassword: fresh[role], cancellationToken);
        }
        return server;
    }

    private static string GeneratePassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('/', '_').Replace('+', '-');

    private void EnsurePostgresInstalled()
    {
        if (!File.Exists(Path.Combine(settings.BinDirectory, "postgres")))
            throw new ClusterException($"PostgreSQL 15 server binaries not found in {settings.BinDirectory}. Install them: apt-get install -y postgresql-15");
        if (!File.Exists("/usr/share/postgresql/15/extension/vector.control"))
            throw new ClusterException("the pgvector extension is not installed. Run ./liveshop (or scripts/install-prerequisites.sh) as root to build it from Debian's source package.");
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.StateDirectory);
        var parent = Path.GetDirectoryName(settings.ClusterDirectory.TrimEnd('/'))!;
        Directory.CreateDirectory(parent);
        GiveToPostgres(parent);

        List<string> args = ["-D", settings.ClusterDirectory, "-U", OsUser, "-E", "UTF8", "--locale=C.UTF-8"];
        string? passwordFileForInitdb = null;
        if (settings.Durable)
        {
            if (!File.Exists(PasswordFile)) WriteSecretFile(PasswordFile, GeneratePassword());
            // initdb runs as postgres and cannot read the password file in a root-owned data directory.
            passwordFileForInitdb = Path.Combine(parent, $".pw-{Guid.NewGuid():N}");
            WriteSecretFile(passwordFileForInitdb, File.ReadAllText(PasswordFile).Trim());
            GiveToPostgres(passwordFileForInitdb);
            args.AddRange(["--auth-local=peer", "--auth-host=scram-sha-256", $"--pwfile={passwordFileForInitdb}"]);
        }
        else
        {
            args.Add("--auth=trust");
        }
        try
        {
            await RunAsync(Path.Combine(settings.BinDirectory, "initdb"), args, cancellationToken);
        }
        finally
        {
            if (passwordFileForInitdb is not null) File.Delete(passwordFileForInitdb);
        }
    }

    private async Task<int> StartIfStoppedAsync(CancellationToken cancellationToken)
    {
        if (await IsRunningAsync(cancellationToken))
        {
            // The running server's own record wins: the remembered port may be gone (a new checkout of the same path).
            var runningPort = ReadPostmasterPort() ?? ReadStoredPort()
                ?? throw new ClusterException($"the cluster in {settings.ClusterDirectory} runs but its port is unknown; run `./liveshop db stop` and start again");
            Directory.CreateDirectory(settings.StateDirectory);
            File.WriteAllText(PortFile, runningPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return runningPort;
        }

        var port = settings.Port ?? (ReadStoredPort() is { } stored && IsPortFree(stored) ? stored : FindFreePort());
        List<string> serverOptions = [$"-p {port}", $"-k {settings.ClusterDirectory}", "-c listen_addresses=127.0.0.1", "-c max_connections=200"];
        if (!settings.Durable)
            serverOptions.AddRange(["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]);
        await RunPgCtlAsync(["start", "-D", settings.ClusterDirectory, "-l", LogFile, "-w", "-t", "60", "-o", string.Join(' ', serverOptions)], cancellationToken);
        Directory.CreateDirectory(settings.StateDirectory);
        File.WriteAllText(PortFile, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return port;
    }

    private async Task<bool> IsRunningAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(settings.ClusterDirectory, "PG_VERSION"))) return false;
        var result = await RunAsync(PgCtl, ["status", "-D", settings.ClusterDirectory], cancellationToken, throwOnError: false);
        return result.ExitCode == 0;
    }

    private string PgCtl => Path.Combine(settings.BinDirectory, "pg_ctl");

    private Task RunPgCtlAsync(IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        RunAsync(PgCtl, args, cancellationToken);

    private int? ReadStoredPort() =>
        File.Exists(PortFile) && int.TryParse(File.ReadAllText(PortFile).Trim(), out var port) ? port : settings.Port;

    // postmaster.pid: line 4 is the port the running server listens on.
    private int? ReadPostmasterPort()
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(settings.ClusterDirectory, "postmaster.pid"));
            return lines.Length > 3 && int.TryParse(lines[3].Trim(), out var port) ? port : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void WriteSecretFile(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static void GiveToPostgres(string path)
    {
        if (!RunAsPostgres) return;
        using var chown = Process.Start("chown", ["-R", $"{OsUser}:{OsUser}", path]);
        chown.WaitForExit();
        if (chown.ExitCode != 0) throw new ClusterException($"could not give {path} to the {OsUser} OS user (chown failed)");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> args, CancellationToken cancellationToken, bool throwOnError = true)
    {
        var start = new ProcessStartInfo(RunAsPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        if (RunAsPostgres)
        {
            foreach (var a in new[] { "-u", OsUser, "--", program }) start.ArgumentList.Add(a);
        }
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new ClusterException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = (await stdout) + (await stderr);
        if (throwOnError && process.ExitCode != 0)
            throw new ClusterException($"{Path.GetFileName(program)} {string.Join(' ', args.Take(1))} failed (exit {process.ExitCode}): {output.Trim()}");
        return (process.ExitCode, output);
    }

    private async Task<IDisposable> AcquireLockAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.StateDirectory);
        var path = Path.Combine(settings.StateDirectory, settings.Durable ? "postgres.lock" : "postgres-test.lock");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }
}

/// <summary>The private cluster could not be prepared; the message says what to do.</summary>
public sealed class ClusterException(string message) : Exception(message);
