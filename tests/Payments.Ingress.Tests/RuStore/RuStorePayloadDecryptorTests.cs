using System.Text;
using Payments.Ingress.RuStore;
using Payments.Ingress.Tests.Support;
using Payments.Simulator.RuStore;
using Payments.Simulator.Vectors;

namespace Payments.Ingress.Tests.RuStore;

public class RuStorePayloadDecryptorTests
{
    private static readonly RuStoreAccountKeys VectorKeyOnly = new("game1", [RuStoreVectors.Key], []);

    [Fact]
    public void RS_1_decrypts_to_the_documented_plaintext()
    {
        var result = RuStorePayloadDecryptor.Decrypt(RuStoreVectors.Rs1Payload, VectorKeyOnly);

        Assert.True(result.Succeeded);
        Assert.Equal(Encoding.UTF8.GetBytes(RuStoreVectors.Rs1Plaintext), result.Plaintext);
        Assert.Equal(360, result.Plaintext.Length);
        Assert.Equal(RuStoreKeyKind.Production, result.KeyKind);
    }

    [Fact]
    public void RS_2_decrypts_to_the_documented_plaintext()
    {
        var result = RuStorePayloadDecryptor.Decrypt(RuStoreVectors.Rs2Payload, VectorKeyOnly);

        Assert.True(result.Succeeded);
        Assert.Equal(Encoding.UTF8.GetBytes(RuStoreVectors.Rs2Plaintext), result.Plaintext);
        Assert.Equal(78, result.Plaintext.Length);
    }

    [Theory]
    [InlineData(0)] // IV
    [InlineData(11)] // IV, last byte
    [InlineData(12)] // ciphertext, first byte
    [InlineData(200)] // ciphertext
    [InlineData(372)] // tag, first byte
    [InlineData(387)] // tag, last byte
    public void Flipping_one_bit_anywhere_fails(int index)
    {
        var sealedPayload = Convert.FromBase64String(RuStoreVectors.Rs1Payload);
        sealedPayload[index] ^= 0x01;

        var result = RuStorePayloadDecryptor.Decrypt(Convert.ToBase64String(sealedPayload), VectorKeyOnly);

        Assert.Equal(RuStoreDecryptionFailure.NoKeyMatched, result.Failure);
        Assert.Null(result.Plaintext);
    }

    [Fact]
    public void A_wrong_key_fails()
    {
        var result = RuStorePayloadDecryptor.Decrypt(RuStoreVectors.Rs1Payload, new RuStoreAccountKeys("game1", [TestKeys.Unknown], [TestKeys.Sandbox]));

        Assert.Equal(RuStoreDecryptionFailure.NoKeyMatched, result.Failure);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(28)]
    public void A_payload_of_28_bytes_or_fewer_is_too_short(int length)
    {
        var result = RuStorePayloadDecryptor.Decrypt(Convert.ToBase64String(new byte[length]), VectorKeyOnly);

        Assert.Equal(RuStoreDecryptionFailure.TooShort, result.Failure);
    }

    [Fact]
    public void A_payload_of_29_bytes_is_long_enough()
    {
        var sealedPayload = RuStoreNotifications.SealBytes(RuStoreVectors.Key, [0x7B]);

        var result = RuStorePayloadDecryptor.Decrypt(Convert.ToBase64String(sealedPayload), VectorKeyOnly);

        Assert.True(result.Succeeded);
        Assert.Equal([0x7B], result.Plaintext);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAEC*")]
    [InlineData("====")]
    public void Bad_Base64_fails(string payload)
    {
        var result = RuStorePayloadDecryptor.Decrypt(payload, VectorKeyOnly);

        Assert.Equal(RuStoreDecryptionFailure.BadBase64, result.Failure);
    }

    [Fact]
    public void The_previous_key_still_works_during_rotation()
    {
        var result = RuStorePayloadDecryptor.Decrypt(RuStoreVectors.Rs1Payload, TestKeys.Account());

        Assert.True(result.Succeeded);
        Assert.Equal(RuStoreKeyKind.Production, result.KeyKind);
        Assert.Equal(Encoding.UTF8.GetBytes(RuStoreVectors.Rs1Plaintext), result.Plaintext);
    }

    [Fact]
    public void A_payload_under_a_sandbox_key_reports_the_sandbox_kind()
    {
        var payload = RuStoreNotifications.Seal(TestKeys.Sandbox, RuStoreVectors.Rs2Plaintext);

        var result = RuStorePayloadDecryptor.Decrypt(payload, TestKeys.Account());

        Assert.True(result.Succeeded);
        Assert.Equal(RuStoreKeyKind.Sandbox, result.KeyKind);
    }

    [Fact]
    public void The_test_sealer_reproduces_RS_1_from_its_IV()
    {
        var payload = RuStoreNotifications.Seal(RuStoreVectors.Key, RuStoreVectors.Rs1Plaintext, Convert.FromHexString("101112131415161718191a1b"));

        Assert.Equal(RuStoreVectors.Rs1Payload, payload);
    }
}
