namespace Payments.Archive.Replay;

public enum ReplayOutcome
{
    /// <summary>The stored message was published again under its original MessageId and the transport took it.</summary>
    Published,

    /// <summary>No archived message has this id.</summary>
    NotFound,

    /// <summary>The row names a message type this archive does not know (written by a newer version).</summary>
    UnknownType,

    /// <summary>The broker did not confirm the publish in time; nothing is known to have been sent.</summary>
    BrokerUnavailable,
}
