namespace Payments.Simulator.Vectors;

/// <summary>RoboKassa test vectors R1–R5 as published: base strings and expected SignatureValue, uppercase hex (docs/providers/robokassa.md, test vectors).</summary>
public static class RoboKassaVectors
{
    public const string Password1 = "password_1";
    public const string Password2 = "password_2";

    public const string R1Base = "100.000000:450009:password_2:Shp_login=Vasya:Shp_oplata=1";
    public const string R1Md5 = "4ADCEF23DEDED52FAEF69A96EFDF67E8";
    public const string R1Ripemd160 = "9F6DECAA420D342080EE304CFCA6611A5C15BC72";
    public const string R1Sha1 = "C1552D00283C6DD73796AB91B12F0DDB05988D11";
    public const string R1Sha256 = "025E4F4F5385F685E8B04A9FCF7021FF3084F89D0AFBADD977B3609C09D31FC9";
    public const string R1Sha384 = "65D697E191E0E0FDD3E32F53B1A3D019788335364FB298676C1D4962C640D54A20CAB9534715B0C52D4DCF4E7850174B";
    public const string R1Sha512 = "914357059659ABEB408910809292020E462A68B9004678C4B2EF4F86C351A4608ABA03B602BD72DFD5C6BDB3F876D4A3A0AF814A62D82B219987D5AE56271240";

    /// <summary>The example ResultURL POST body of R1; the answer must be exactly <c>OK450009</c>.</summary>
    public const string R1Body = "OutSum=100.000000&InvId=450009&SignatureValue=4ADCEF23DEDED52FAEF69A96EFDF67E8&Shp_login=Vasya&Shp_oplata=1";

    public const string R2Base = "100.000000:450009:password_2";
    public const string R2Md5 = "1ABAD979EE03E586478F578B5E37F180";

    public const string R3Base = "4710.00:63:password_1";
    public const string R3Md5 = "054BBACA7AC7EB0BBD4939DCD5239434";

    public const string R4aBase = "10.00:7:password_2:shp_a=1:Shp_b=2";
    public const string R4aMd5 = "7A886263C1378417666E5F4A630AE0B1";

    public const string R4bBase = "10.00:7:password_2:Shp_b=2:shp_a=1";
    public const string R4bMd5 = "E88152B0905FDAF022A93F93F4777960";

    public const string R5Base = "150.000000:1001:password_2:Shp_user=Иван";
    public const string R5Md5 = "A9EF02DB68ED7CDCE47BC506561C1F7C";
}
