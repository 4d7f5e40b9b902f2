namespace Payments.Archive.DeadLetters;

/// <summary>The broker could not be reached or failed mid-way; whatever was not moved stays in its error queue.</summary>
internal sealed class DeadLetterBrokerUnavailableException(string message, Exception inner) : Exception(message, inner);
