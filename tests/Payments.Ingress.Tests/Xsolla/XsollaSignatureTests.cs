using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;
using Microsoft.Extensions.Primitives;
using Payments.Ingress.Xsolla;
using Payments.Simulator.Vectors;

namespace Payments.Ingress.Tests.Xsolla;

public class XsollaSignatureTests
{
    public static TheoryData<string, string, string> Vectors() => new()
    {
        { "X1", XsollaVectors.X1Body, XsollaVectors.X1Authorization },
        { "X2", XsollaVectors.X2Body, XsollaVectors.X2Authorization },
        { "X3", XsollaVectors.X3Body, XsollaVectors.X3Authorization },
        { "X4", XsollaVectors.X4Body, XsollaVectors.X4Authorization },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Each_vector_computes_its_documented_signature(string vector, string body, string authorization)
    {
        var secret = vector == "X2" ? XsollaVectors.SdkSecret : XsollaVectors.Secret;

        var digest = XsollaSignature.Compute(Encoding.UTF8.GetBytes(body), Encoding.UTF8.GetBytes(secret));

        Assert.Equal(authorization, $"Signature {Convert.ToHexStringLower(digest)}");
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Each_vector_verifies_with_its_secret_and_not_with_another(string vector, string body, string authorization)
    {
        var secret = vector == "X2" ? XsollaVectors.SdkSecret : XsollaVectors.Secret;
        var bytes = Encoding.UTF8.GetBytes(body);

        Assert.Null(XsollaSignature.Verify(new StringValues(authorization), bytes, Secrets(secret)));
        Assert.Equal(XsollaRejections.InvalidSignature, XsollaSignature.Verify(new StringValues(authorization), bytes, Secrets("another secret")));
    }

    [Fact]
    public void X1_neg_the_re_serialized_body_does_not_verify_against_X1s_header()
    {
        var reserialized = Encoding.UTF8.GetBytes(JsonNode.Parse(XsollaVectors.X1Body)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        Assert.Equal(XsollaVectors.X1NegDigest, Convert.ToHexStringLower(XsollaSignature.Compute(reserialized, Encoding.UTF8.GetBytes(XsollaVectors.Secret))));
        Assert.Equal(
            XsollaRejections.InvalidSignature,
            XsollaSignature.Verify(new StringValues(XsollaVectors.X1Authorization), reserialized, Secrets(XsollaVectors.Secret)));
    }

    [Fact]
    public void During_a_rotation_any_listed_secret_verifies()
    {
        var body = Encoding.UTF8.GetBytes(XsollaVectors.X3Body);

        Assert.Null(XsollaSignature.Verify(new StringValues(XsollaVectors.X3Authorization), body, Secrets("the new secret", XsollaVectors.Secret)));
    }

    [Theory]
    [InlineData("Signature 0b0fc6b712798039cccca875e41acd0f4799e07f")]
    [InlineData("Signature 0B0FC6B712798039CCCCA875E41ACD0F4799E07F")]
    [InlineData("Signature    0b0fc6b712798039cccca875e41acd0f4799e07f")]
    [InlineData("  Signature 0b0fc6b712798039cccca875e41acd0f4799e07f  ")]
    [InlineData("signature 0b0fc6b712798039cccca875e41acd0f4799e07f")]
    [InlineData("Signature\t0b0fc6b712798039cccca875e41acd0f4799e07f")]
    public void Hex_case_extra_spaces_and_scheme_case_are_tolerated(string header)
    {
        Assert.Equal(Convert.FromHexString("0b0fc6b712798039cccca875e41acd0f4799e07f"), XsollaSignature.ParseHeader(header));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Signature")]
    [InlineData("Signature ")]
    [InlineData("0b0fc6b712798039cccca875e41acd0f4799e07f")]
    [InlineData("Signature0b0fc6b712798039cccca875e41acd0f4799e07f")]
    [InlineData("Bearer 0b0fc6b712798039cccca875e41acd0f4799e07f")]
    [InlineData("Signature 0b0fc6b712798039cccca875e41acd0f4799e07")]
    [InlineData("Signature 0b0fc6b712798039cccca875e41acd0f4799e07f00")]
    [InlineData("Signature 0b0fc6b712798039cccca875e41acd0f4799e07g")]
    [InlineData("Signature 0b0fc6b712798039 cccca875e41acd0f4799e07f")]
    [InlineData("Signature sha1=0b0fc6b712798039cccca875e41acd0f4799e07f")]
    public void A_garbled_header_is_not_read_as_a_signature(string header)
    {
        Assert.Null(XsollaSignature.ParseHeader(header));
    }

    [Fact]
    public void No_header_two_headers_and_a_garbled_header_are_told_apart()
    {
        var body = Encoding.UTF8.GetBytes(XsollaVectors.X1Body);
        var secrets = Secrets(XsollaVectors.Secret);

        Assert.Equal(XsollaRejections.MissingSignature, XsollaSignature.Verify(StringValues.Empty, body, secrets));
        Assert.Equal(XsollaRejections.MalformedSignature, XsollaSignature.Verify(new StringValues("Signature nope"), body, secrets));
        Assert.Equal(
            XsollaRejections.MalformedSignature,
            XsollaSignature.Verify(new StringValues([XsollaVectors.X1Authorization, XsollaVectors.X1Authorization]), body, secrets));
    }

    private static XsollaAccountSecrets Secrets(params string[] secrets) => new("game1", secrets.Select(Encoding.UTF8.GetBytes).ToArray());
}
