using Microsoft.Extensions.Logging;

namespace Payments.OperatorConsole.Access;

/// <summary>
/// The record of what operators did and saw: sign-in and sign-out, every action, and every reveal of personal
/// data. One log line each under the category <c>Payments.OperatorConsole.Audit</c>, at Information, with the
/// operator's name (the key's entry or the token's subject) and the target — never a key, a secret or the data
/// revealed. Ship that category to the store you keep audit records in (README "Operator console").
/// </summary>
public sealed partial class OperatorAudit(ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger("Payments.OperatorConsole.Audit");

    public void SignedIn(string operatorName) => LogSignedIn(_logger, operatorName);

    public void SignInRefused(string reason) => LogSignInRefused(_logger, reason);

    public void SignedOut(string operatorName) => LogSignedOut(_logger, operatorName);

    public void Revealed(string operatorName, string what) => LogRevealed(_logger, operatorName, what);

    public void Acted(string operatorName, string action, string target, string outcome) => LogActed(_logger, operatorName, action, target, outcome);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Operator {Operator} signed in")]
    private static partial void LogSignedIn(ILogger logger, string @operator);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Console sign-in refused: {Reason}")]
    private static partial void LogSignInRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Operator {Operator} signed out")]
    private static partial void LogSignedOut(ILogger logger, string @operator);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Operator {Operator} revealed the personal data of {Target}")]
    private static partial void LogRevealed(ILogger logger, string @operator, string target);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Operator {Operator} asked {Action} on {Target}: {Outcome}")]
    private static partial void LogActed(ILogger logger, string @operator, string action, string target, string outcome);
}
