using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;
using RenderFarm.Core;

namespace RenderFarm.Service.Server;

/// <summary>
/// The Hangfire storage named by <c>--storage</c>: <c>memory</c>, or PostgreSQL as a URL
/// (<c>postgres://user:password@host:5432/database</c>) or an Npgsql connection string
/// (<c>Host=...;Database=...</c>), shared by `serve` and any number of `worker` processes.
/// </summary>
public static class StorageFactory
{
    public static bool IsMemory(string storage) => string.Equals(storage, "memory", StringComparison.OrdinalIgnoreCase);

    public static bool IsPostgres(string storage) =>
        storage.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || storage.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || storage.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    public static JobStorage Create(string storage, TimeSpan invisibilityTimeout)
    {
        if (IsMemory(storage))
        {
            return new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromDays(7) });
        }

        var options = new PostgreSqlStorageOptions
        {
            PrepareSchemaIfNecessary = true,
            // A render job can run far longer than any fixed invisibility timeout; with a sliding one
            // a live worker keeps its job, and a killed worker's job is re-delivered after
            // invisibilityTimeout (jobs are idempotent, so a duplicate costs only time).
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = invisibilityTimeout,
            QueuePollInterval = TimeSpan.FromSeconds(1),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(ConnectionString(storage), options), options);
    }

    /// <summary>For logs and banners: the storage without its password.</summary>
    public static string Describe(string storage)
    {
        if (IsMemory(storage))
        {
            return "memory";
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString(storage));
            return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        }
        catch (ArgumentException)
        {
            return "PostgreSQL (unreadable connection string)";
        }
    }

    /// <summary>An Npgsql connection string from a postgres:// URL (user, password, host, port, database, ?key=value options).</summary>
    public static string ConnectionString(string storage)
    {
        if (!storage.Contains("://", StringComparison.Ordinal))
        {
            return storage;
        }

        if (!Uri.TryCreate(storage, UriKind.Absolute, out Uri? uri) || uri.Host.Length == 0)
        {
            throw new RenderFarmException("--storage: a PostgreSQL URL looks like postgres://user:password@host:5432/database.");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } database ? database : null,
        };
        string[] user = uri.UserInfo.Split(':', 2);
        if (user[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(user[0]);
        }

        if (user.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(user[1]);
        }

        foreach (string pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(parts[0])] = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "true";
        }

        return builder.ConnectionString;
    }
}
