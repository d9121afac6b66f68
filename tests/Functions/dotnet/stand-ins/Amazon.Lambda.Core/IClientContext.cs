namespace Amazon.Lambda.Core;

/// <summary>Stand-in of Amazon.Lambda.Core's IClientContext (mobile SDK client context).</summary>
public interface IClientContext
{
    IDictionary<string, string> Environment { get; }
    IClientApplication Client { get; }
    IDictionary<string, string> Custom { get; }
}

/// <summary>Stand-in of Amazon.Lambda.Core's IClientApplication.</summary>
public interface IClientApplication
{
    string AppPackageName { get; }
    string AppTitle { get; }
    string AppVersionCode { get; }
    string AppVersionName { get; }
    string InstallationId { get; }
}

/// <summary>Stand-in of Amazon.Lambda.Core's ICognitoIdentity.</summary>
public interface ICognitoIdentity
{
    string IdentityId { get; }
    string IdentityPoolId { get; }
}
