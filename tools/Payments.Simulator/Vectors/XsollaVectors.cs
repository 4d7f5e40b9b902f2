namespace Payments.Simulator.Vectors;

/// <summary>Xsolla test vectors X1–X4 and X1-neg, verbatim, UTF-8 without a trailing newline (docs/providers/xsolla.md, test vectors).</summary>
public static class XsollaVectors
{
    public const string Secret = "my_webhook_secret_key";

    public const string SdkSecret = "PROJECT_SECRET_KEY";

    public const string X1Body =
        """{"notification_type":"user_validation","user":{"ip":"127.0.0.1","phone":"18777976552","email":"email@example.com","id":1234567,"name":"Xsolla User","country":"US"}}""";

    public const string X1Authorization = "Signature 0b0fc6b712798039cccca875e41acd0f4799e07f";

    public const string X2Body = """{"notification_type": "payment"}""";

    public const string X2Authorization = "Signature 89404631c86da9f508954da7b50799199a6b1d3a";

    public const string X3Body =
        """{"notification_type":"order_paid","items":[{"sku":"virtual-good-item_test","type":"virtual_good","is_pre_order":false,"quantity":3,"amount":"1000","promotions":[]}],"order":{"id":1,"mode":"default","currency_type":"virtual","currency":"sku_currency","amount":"2000","status":"paid","platform":"xsolla","comment":null,"invoice_id":"1"},"user":{"external_id":"id_xsolla_login_1","email":"gc_user@xsolla.com"}}""";

    public const string X3Authorization = "Signature 516dd0116e786ed9db561384d67ba4c8e0ed31c2";

    public const string X4Body = """{"notification_type":"user_validation","user":{"id":"42","name":"Иван"}}""";

    public const string X4Authorization = "Signature 64d21639455562930607c75d2605168d4ccf8020";

    /// <summary>SHA-1 of X1 re-serialized with 2-space indentation: what a handler that re-serializes would compute.</summary>
    public const string X1NegDigest = "d5515d24e419e4459fcce2fd2cc7458ce2eb66ee";
}
