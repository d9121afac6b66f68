namespace DevTools.Engine;

/// <summary>
/// Every Lambda limit and default the engine mirrors, in one place (values from the Lambda
/// quotas page and the Runtime Interface Emulator; see shared/reference/lambda-spec.md).
/// </summary>
public static class LambdaLimits
{
    /// <summary>Layers per function.</summary>
    public const int MaxLayers = 5;

    public const int MinMemoryMb = 128;
    public const int MaxMemoryMb = 10_240;
    public const int DefaultMemoryMb = 128;

    public const int MinTimeoutSeconds = 1;
    public const int MaxTimeoutSeconds = 900;
    public const int DefaultTimeoutSeconds = 3;

    public const int MinEphemeralStorageMb = 512;
    public const int MaxEphemeralStorageMb = 10_240;
    public const int DefaultEphemeralStorageMb = 512;

    /// <summary>Synchronous invoke request payload (the 413 message quotes 6291456).</summary>
    public const int MaxSyncRequestBytes = 6 * 1024 * 1024;

    /// <summary>Asynchronous (Event) invoke request payload.</summary>
    public const int MaxAsyncRequestBytes = 1024 * 1024;

    /// <summary>Function response posted to the Runtime API: 6 MiB + 100 bytes, as RAPID enforces.</summary>
    public const int MaxResponseBytes = 6 * 1024 * 1024 + 100;

    /// <summary>The init phase of an on-demand function.</summary>
    public static readonly TimeSpan InitPhaseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runtime graceful-stop budget in the shutdown phase (SIGTERM, then SIGKILL).</summary>
    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromMilliseconds(300);

    /// <summary>The Runtime API's port inside an environment (Lambda reserves it; the RIE's default address is 127.0.0.1:9001).</summary>
    public const int RuntimeApiPort = 9001;

    /// <summary>Bytes of the execution log returned with LogType=Tail.</summary>
    public const int LogTailBytes = 4 * 1024;

    /// <summary>Client context passed with X-Amz-Client-Context (decoded).</summary>
    public const int MaxClientContextBytes = 3_583;

    /// <summary>Async invokes are retried up to two more times after a function error.</summary>
    public const int AsyncMaxRetries = 2;

    /// <summary>Account-level concurrency default for a local engine (Lambda's is 1,000; locally 10).</summary>
    public const int DefaultConcurrencyLimit = 10;

    /// <summary>How long an idle environment is kept warm before it expires.</summary>
    public static readonly TimeSpan DefaultKeepWarm = TimeSpan.FromMinutes(10);

    public const string DefaultRegion = "us-east-1";
    public const string DefaultAccountId = "123456789012";
    public const string LatestVersion = "$LATEST";
}
