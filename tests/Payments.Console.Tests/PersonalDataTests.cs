using System.Text.Json;
using Payments.OperatorConsole.Access;

namespace Payments.Console.Tests;

public sealed class PersonalDataTests
{
    [Fact]
    public void The_buyers_contact_data_is_masked_in_the_message_and_inside_the_raw_body_it_carries()
    {
        var raw = """{"notification_type":"payment","user":{"id":"player-7","email":"p7@example.com","phone":"+15550100","name":"Pat","ip":"203.0.113.9"},"transaction":{"id":123}}""";
        var message = JsonSerializer.SerializeToElement(new
        {
            providerOrderId = "123",
            userId = "player-7",
            buyer = new { email = "p7@example.com", first_name = "Pat", last_name = "Doe" },
            rawBody = raw,
            rawParameters = new Dictionary<string, string> { ["InvId"] = "42", ["Email"] = "p7@example.com", ["OutSum"] = "1.00" },
        });

        var masked = PersonalData.MaskedJson(message);

        foreach (var secret in new[] { "p7@example.com", "+15550100", "Pat", "Doe", "203.0.113.9" })
        {
            Assert.DoesNotContain(secret, masked, StringComparison.Ordinal);
        }

        foreach (var kept in new[] { "player-7", "\"123\"", "42", "1.00", "payment" })
        {
            Assert.Contains(kept, masked, StringComparison.Ordinal);
        }

        Assert.Contains("p7@example.com", PersonalData.Json(message), StringComparison.Ordinal);
    }

    [Fact]
    public void A_dead_letter_body_that_is_not_JSON_is_hidden_whole()
    {
        Assert.DoesNotContain("secret@example.com", PersonalData.MaskedText("to=secret@example.com"), StringComparison.Ordinal);
        Assert.DoesNotContain("x@example.com", PersonalData.MaskedText("""{"message":{"email":"x@example.com"}}"""), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("email", true)]
    [InlineData("E-Mail", true)]
    [InlineData("user_ip", true)]
    [InlineData("first_name", true)]
    [InlineData("userId", false)]
    [InlineData("providerOrderId", false)]
    [InlineData("account", false)]
    public void Personal_keys_are_recognised_in_any_spelling(string key, bool personal) => Assert.Equal(personal, PersonalData.IsPersonal(key));
}
