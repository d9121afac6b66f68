using System.Security.Cryptography;

namespace DevTools.Engine.SampleEvents;

/// <summary>Fresh identifiers in the shapes AWS uses (a request id, an API id, a receipt handle), so no two samples share one.</summary>
internal static class RandomIds
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string Mixed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string Uuid() => Guid.NewGuid().ToString();

    public static string Hex(int length, bool upper = false) => RandomNumberGenerator.GetHexString(length, lowercase: !upper);

    public static string LowerAlphanumeric(int length) => RandomNumberGenerator.GetString(Lower, length);

    public static string UpperAlphanumeric(int length) => RandomNumberGenerator.GetString(Upper, length);

    public static string Alphanumeric(int length) => RandomNumberGenerator.GetString(Mixed, length);

    public static string Digits(int length) => RandomNumberGenerator.GetString("0123456789", length);

    public static string Base64(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>An IAM user's unique id, as in <c>principalId</c> and <c>SenderId</c>: <c>AIDA</c> and 17 characters.</summary>
    public static string IamUserId() => "AIDA" + UpperAlphanumeric(17);

    /// <summary>An X-Ray trace header as API Gateway adds it: <c>Root=1-{epoch seconds, hex}-{24 hex}</c>.</summary>
    public static string TraceId(DateTimeOffset now) => $"Root=1-{now.ToUnixTimeSeconds():x8}-{Hex(24)}";
}
