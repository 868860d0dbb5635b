namespace KinerjaFlow.Runtime.Hosting;

/// <summary>A problem with configuration or the environment that stops the app from starting. Its
/// message names the problem in Bahasa Indonesia and English; the app prints it and exits with 1
/// instead of a stack trace.</summary>
public class StartupProblemException(string message, Exception? inner = null) : Exception(message, inner);
