using System.Globalization;

namespace DevTools.Engine.SampleEvents;

/// <summary>The time formats AWS's events use, each where the services use it.</summary>
internal static class EventTimes
{
    /// <summary>ISO 8601 with milliseconds (S3 <c>eventTime</c>, SNS <c>Timestamp</c>).</summary>
    public static string IsoMilliseconds(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 to the second (EventBridge <c>time</c>).</summary>
    public static string IsoSeconds(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Common Log Format (API Gateway <c>requestTime</c>): <c>01/Jan/2025:00:00:00 +0000</c>.</summary>
    public static string CommonLog(DateTimeOffset time) => time.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    public static long EpochMilliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static long EpochSeconds(DateTimeOffset time) => time.ToUnixTimeSeconds();
}
