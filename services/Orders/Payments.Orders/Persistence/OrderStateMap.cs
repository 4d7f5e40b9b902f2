using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payments.Contracts;
using Payments.Orders.Saga;

namespace Payments.Orders.Persistence;

internal sealed class OrderStateMap : IEntityTypeConfiguration<OrderState>
{
    public void Configure(EntityTypeBuilder<OrderState> order)
    {
        order.ToTable("OrderSagas");
        order.HasKey(o => o.CorrelationId);
        order.Property(o => o.CorrelationId).ValueGeneratedNever();
        order.Property(o => o.CurrentState).HasMaxLength(64);
        order.Property(o => o.Provider).HasMaxLength(32);
        order.Property(o => o.Account).HasMaxLength(FieldLimits.Account);
        order.Property(o => o.Environment).HasMaxLength(16);
        order.Property(o => o.ProviderOrderId).HasMaxLength(FieldLimits.ProviderId);
        order.Property(o => o.UserId).HasMaxLength(FieldLimits.UserId);
        order.Property(o => o.RegisteredUserId).HasMaxLength(FieldLimits.UserId);
        order.Property(o => o.RegisteredAmount).HasMaxLength(FieldLimits.Amount);
        order.Property(o => o.PaidAmount).HasMaxLength(FieldLimits.Amount);
        order.Property(o => o.Currency).HasMaxLength(FieldLimits.Currency);
        order.Property(o => o.RegisteredCurrency).HasMaxLength(FieldLimits.Currency);
        order.Property(o => o.PaidCurrency).HasMaxLength(FieldLimits.Currency);
        order.Property(o => o.Resolution).HasMaxLength(32);
        order.Property(o => o.ProviderItems).HasJsonConversion();
        // A source event id is a provider id with a prefix and a suffix (e.g. "xsolla:payment:{id}").
        order.Property(o => o.GrantTrigger).HasMaxLength(2 * FieldLimits.ProviderId);
        order.Property(o => o.RevokeTrigger).HasMaxLength(2 * FieldLimits.ProviderId);
        order.Property(o => o.Items).HasJsonConversion();
        order.Property(o => o.RegisteredItems).HasJsonConversion();
        order.Property(o => o.Timeline).HasJsonConversion();

        // The natural key the correlation id is derived from: one saga per order, never two.
        order.HasIndex(o => new { o.Provider, o.Account, o.Environment, o.ProviderOrderId }).IsUnique();

        // GET /orders: a user's orders, and the listing newest first (keyset on updatedAt, then the id).
        order.HasIndex(o => o.UserId);
        order.HasIndex(o => new { o.UpdatedAt, o.CorrelationId });
    }
}
