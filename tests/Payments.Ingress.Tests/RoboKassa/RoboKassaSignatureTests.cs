using System.Security.Cryptography;
using Payments.Ingress.RoboKassa;
using Payments.Simulator.Vectors;

namespace Payments.Ingress.Tests.RoboKassa;

/// <summary>Every vector of docs/providers/robokassa.md#test-vectors, through the signature code alone.</summary>
public class RoboKassaSignatureTests
{
    private static readonly KeyValuePair<string, string>[] R1Shp = [new("Shp_oplata", "1"), new("Shp_login", "Vasya")];

    [Theory]
    [InlineData("MD5", RoboKassaVectors.R1Md5)]
    [InlineData("SHA1", RoboKassaVectors.R1Sha1)]
    [InlineData("SHA256", RoboKassaVectors.R1Sha256)]
    [InlineData("SHA384", RoboKassaVectors.R1Sha384)]
    [InlineData("SHA512", RoboKassaVectors.R1Sha512)]
    public void R1_hashes_to_the_published_value_with_every_supported_algorithm(string algorithm, string expected)
    {
        Assert.True(RoboKassaHashAlgorithms.TryParse(algorithm, out var name));

        Assert.Equal(expected, Convert.ToHexString(RoboKassaSignature.Hash(name, RoboKassaVectors.R1Base)));
        Assert.Equal(RoboKassaShpOrder.CaseInsensitive, RoboKassaSignature.Verify(name, expected, "100.000000", "450009", RoboKassaVectors.Password2, R1Shp));
    }

    [Fact]
    public void R1_RIPEMD160_is_not_an_algorithm_this_service_can_use()
    {
        Assert.True(RoboKassaHashAlgorithms.IsRipemd160("ripemd160"));
        Assert.False(RoboKassaHashAlgorithms.TryParse("RIPEMD160", out _));
    }

    [Fact]
    public void R1_base_string_puts_the_Shp_parameters_in_alphabetical_order()
    {
        Assert.Equal(
            RoboKassaVectors.R1Base,
            RoboKassaSignature.BaseString("100.000000", "450009", RoboKassaVectors.Password2, R1Shp, RoboKassaShpOrder.CaseInsensitive));
    }

    [Fact]
    public void R2_without_Shp_parameters()
    {
        Assert.Equal(RoboKassaVectors.R2Base, RoboKassaSignature.BaseString("100.000000", "450009", RoboKassaVectors.Password2, [], RoboKassaShpOrder.CaseInsensitive));
        Assert.NotNull(RoboKassaSignature.Verify(HashAlgorithmName.MD5, RoboKassaVectors.R2Md5, "100.000000", "450009", RoboKassaVectors.Password2, []));
    }

    [Fact]
    public void R3_SuccessURL_style_with_Password1()
    {
        Assert.NotNull(RoboKassaSignature.Verify(HashAlgorithmName.MD5, RoboKassaVectors.R3Md5, "4710.00", "63", RoboKassaVectors.Password1, []));
        Assert.Null(RoboKassaSignature.Verify(HashAlgorithmName.MD5, RoboKassaVectors.R3Md5, "4710.00", "63", RoboKassaVectors.Password2, []));
    }

    [Fact]
    public void R4a_case_insensitive_order_is_tried_first()
    {
        KeyValuePair<string, string>[] shp = [new("Shp_b", "2"), new("shp_a", "1")];

        Assert.Equal(RoboKassaVectors.R4aBase, RoboKassaSignature.BaseString("10.00", "7", RoboKassaVectors.Password2, shp, RoboKassaShpOrder.CaseInsensitive));
        Assert.Equal(RoboKassaShpOrder.CaseInsensitive, RoboKassaSignature.Verify(HashAlgorithmName.MD5, RoboKassaVectors.R4aMd5, "10.00", "7", RoboKassaVectors.Password2, shp));
    }

    [Fact]
    public void R4b_byte_order_is_accepted_as_the_second_candidate()
    {
        KeyValuePair<string, string>[] shp = [new("shp_a", "1"), new("Shp_b", "2")];

        Assert.Equal(RoboKassaVectors.R4bBase, RoboKassaSignature.BaseString("10.00", "7", RoboKassaVectors.Password2, shp, RoboKassaShpOrder.Ordinal));
        Assert.Equal(RoboKassaShpOrder.Ordinal, RoboKassaSignature.Verify(HashAlgorithmName.MD5, RoboKassaVectors.R4bMd5, "10.00", "7", RoboKassaVectors.Password2, shp));
    }

    [Fact]
    public void R5_non_ASCII_values_are_hashed_as_UTF8()
    {
        KeyValuePair<string, string>[] shp = [new("Shp_user", "Иван")];

        Assert.Equal(RoboKassaVectors.R5Md5, Convert.ToHexString(RoboKassaSignature.Hash(HashAlgorithmName.MD5, RoboKassaVectors.R5Base)));
        Assert.NotNull(RoboKassaSignature.Verify(HashAlgorithmName.MD5, RoboKassaVectors.R5Md5, "150.000000", "1001", RoboKassaVectors.Password2, shp));
    }

    [Fact]
    public void Lowercase_hex_verifies_too()
    {
        Assert.NotNull(RoboKassaSignature.Verify(
            HashAlgorithmName.MD5, RoboKassaVectors.R1Md5.ToLowerInvariant(), "100.000000", "450009", RoboKassaVectors.Password2, R1Shp));
    }

    [Theory]
    [InlineData("4ADCEF23DEDED52FAEF69A96EFDF67E9")] // last digit changed
    [InlineData("4ADCEF23DEDED52FAEF69A96EFDF67")] // truncated
    [InlineData("4ADCEF23DEDED52FAEF69A96EFDF67E8" + "00")] // extended
    [InlineData("not hex at all, not hex at all!!")]
    [InlineData("")]
    public void Anything_but_the_exact_hash_fails(string signature)
    {
        Assert.Null(RoboKassaSignature.Verify(HashAlgorithmName.MD5, signature, "100.000000", "450009", RoboKassaVectors.Password2, R1Shp));
    }

    [Fact]
    public void The_received_amount_is_hashed_verbatim_not_reformatted()
    {
        Assert.Null(RoboKassaSignature.Verify(HashAlgorithmName.MD5, RoboKassaVectors.R1Md5, "100.00", "450009", RoboKassaVectors.Password2, R1Shp));
    }

    [Fact]
    public void Case_insensitive_order_folds_to_lowercase_so_an_underscore_sorts_before_letters()
    {
        // Folding to uppercase (as .NET's OrdinalIgnoreCase does) would put Shp_ab first.
        KeyValuePair<string, string>[] shp = [new("Shp_ab", "2"), new("Shp_a_b", "1")];

        Assert.Equal("1:2:p:Shp_a_b=1:Shp_ab=2", RoboKassaSignature.BaseString("1", "2", "p", shp, RoboKassaShpOrder.CaseInsensitive));
    }

    [Fact]
    public void A_wrong_password_fails_under_both_orderings()
    {
        Assert.Null(RoboKassaSignature.Verify(HashAlgorithmName.MD5, RoboKassaVectors.R4aMd5, "10.00", "7", "password_3", [new("shp_a", "1"), new("Shp_b", "2")]));
    }
}
