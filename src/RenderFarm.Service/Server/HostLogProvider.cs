using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using HangfireLogLevel = Hangfire.Logging.LogLevel;

namespace RenderFarm.Service.Server;

/// <summary>
/// Hangfire's log provider is process-wide (LogProvider.SetCurrentLogProvider) while each host
/// has its own logger factory. When a process runs hosts one after another (the tests do), a
/// stopped host's disposed factory would stay current and the next InMemoryStorage would throw
/// while asking it for a logger; this hands out silent loggers instead.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(HangfireLogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
