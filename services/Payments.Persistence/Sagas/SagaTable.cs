using System.Runtime.CompilerServices;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Payments.Persistence.Sagas;

/// <summary>Where the DbContext owner mapped a saga: table, schema and the column of <see cref="ISaga.CorrelationId"/>.</summary>
internal sealed class SagaTable
{
    private static readonly ConditionalWeakTable<IModel, Dictionary<Type, SagaTable>> Cache = new();

    private SagaTable(string? schema, string name, string keyColumn, IProperty keyProperty)
    {
        Schema = schema;
        Name = name;
        KeyColumn = keyColumn;
        KeyProperty = keyProperty;
    }

    public string? Schema { get; }

    public string Name { get; }

    public string KeyColumn { get; }

    /// <summary>The mapped <c>CorrelationId</c> property; its type mapping binds the lock parameter (converters included).</summary>
    public IProperty KeyProperty { get; }

    /// <summary>Schema-qualified name, used to name per-table locks.</summary>
    public string QualifiedName => Schema is null ? Name : $"{Schema}.{Name}";

    public static SagaTable Resolve<TSaga>(IModel model)
        where TSaga : class, ISaga
    {
        ArgumentNullException.ThrowIfNull(model);
        var perModel = Cache.GetValue(model, _ => []);
        lock (perModel)
        {
            if (!perModel.TryGetValue(typeof(TSaga), out var table))
            {
                table = Build(model, typeof(TSaga));
                perModel[typeof(TSaga)] = table;
            }

            return table;
        }
    }

    private static SagaTable Build(IModel model, Type sagaType)
    {
        var entity = model.FindEntityType(sagaType)
            ?? throw new InvalidOperationException(
                $"The saga type {sagaType.Name} is not an entity of this DbContext. Map it in OnModelCreating (key: {nameof(ISaga.CorrelationId)}).");
        var tableName = entity.GetTableName()
            ?? throw new InvalidOperationException($"The saga entity {sagaType.Name} is not mapped to a table.");
        var schema = entity.GetSchema();
        var keyProperty = entity.FindProperty(nameof(ISaga.CorrelationId))
            ?? throw new InvalidOperationException($"The saga entity {sagaType.Name} has no mapped {nameof(ISaga.CorrelationId)} property.");
        if (entity.FindPrimaryKey() is not { } primaryKey || primaryKey.Properties.Count != 1 || primaryKey.Properties[0] != keyProperty)
        {
            throw new InvalidOperationException(
                $"The saga entity {sagaType.Name} must have {nameof(ISaga.CorrelationId)} as its primary key; the repository locks and inserts by it.");
        }

        var column = keyProperty.GetColumnName(StoreObjectIdentifier.Table(tableName, schema))
            ?? throw new InvalidOperationException($"{sagaType.Name}.{nameof(ISaga.CorrelationId)} has no column in {tableName}.");
        return new SagaTable(schema, tableName, column, keyProperty);
    }
}
