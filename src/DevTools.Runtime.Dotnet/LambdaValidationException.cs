namespace DevTools.Runtime.Dotnet;

/// <summary>
/// The handler cannot be used as it is (bad handler string, missing method or serializer): an init error whose
/// <c>errorType</c> is this class's name, as AWS's .NET runtime reports it.
/// </summary>
internal sealed class LambdaValidationException(string message) : Exception(message);
