using System.Collections.Concurrent;

namespace Payments.Persistence.Tests.Sagas;

/// <summary>
/// Lets a test act at the moment the state machine is about to create an instance (per correlation id), e.g. to
/// insert the same row from outside the repository and provoke a duplicate key.
/// </summary>
public static class CreationHooks
{
    private static readonly ConcurrentDictionary<Guid, Func<Task>> Hooks = new();

    public static void Register(Guid correlationId, Func<Task> hook) => Hooks[correlationId] = hook;

    public static void Remove(Guid correlationId) => Hooks.TryRemove(correlationId, out _);

    public static Task Run(Guid correlationId) => Hooks.TryGetValue(correlationId, out var hook) ? hook() : Task.CompletedTask;
}
