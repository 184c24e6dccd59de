using System.Text.Json;

namespace IncidentDesk.Api.EventStore;

/// <summary>
/// Stable stored names for event types. CLR names are never stored, so classes can be renamed or moved
/// without touching the log; a stored name, once used, is forever.
/// </summary>
public sealed class EventTypeMap
{
    private readonly Dictionary<string, Type> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> byType = new();

    public EventTypeMap Register<T>(string name) where T : class
    {
        if (byName.ContainsKey(name) || byType.ContainsKey(typeof(T)))
            throw new InvalidOperationException($"event type {name} / {typeof(T).Name} registered twice");
        byName[name] = typeof(T);
        byType[typeof(T)] = name;
        return this;
    }

    public string NameOf(object @event) =>
        byType.TryGetValue(@event.GetType(), out var name)
            ? name
            : throw new InvalidOperationException($"event type {@event.GetType().Name} is not registered");

    public Type TypeOf(string name) =>
        byName.TryGetValue(name, out var type)
            ? type
            : throw new InvalidOperationException($"stored event type '{name}' is not registered");

    public IReadOnlyDictionary<string, Type> All => byName;

    public object Deserialize(string name, string json) =>
        JsonSerializer.Deserialize(json, TypeOf(name), JsonDefaults.Options)
        ?? throw new InvalidOperationException($"event {name} deserialized to null");

    public string Serialize(object @event) => JsonSerializer.Serialize(@event, @event.GetType(), JsonDefaults.Options);
}
