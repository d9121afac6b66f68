using System.Security.Cryptography;
using System.Text;

namespace DevTools.Engine.Catalog.Apis;

/// <summary>Ids shaped like API Gateway's (lower-case letters and digits), derived from a logical id so they stay the same across runs.</summary>
public static class ApiIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string For(string logicalId, int length = 10)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(logicalId));
        var id = new char[length];
        for (var i = 0; i < length; i++) id[i] = Alphabet[hash[i % hash.Length] % Alphabet.Length];
        return new string(id);
    }
}
