namespace Payments.Simulator.Vectors;

/// <summary>RuStore test vectors RS-1 and RS-2, verbatim (docs/providers/rustore.md, test vectors).</summary>
public static class RuStoreVectors
{
    public const string KeyHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    public const string KeyBase64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    public const string Rs1IvHex = "101112131415161718191a1b";

    public const string Rs1TagHex = "f88800cffb670e8c83bec820d6a9d09f";

    public const string Rs1Plaintext =
        """{"app_id":12345,"notification_type":"INVOICE_STATUS","data":"{\"change_status_time\":\"1970-01-01T00:00:00Z\",\"product_code\":\"test_test\",\"status_new\":\"paid\",\"status_old\":\"executed\",\"purchase_token\":\"111.123\",\"invoice_id\":\"123\",\"order_id\":\"123e4567e89b-12d3-a456-4266-55440000\",\"purchase_id\":\"123e4567e89b-12d3-a456-4266-55440000\"}"}""";

    public const string Rs1Payload =
        "EBESExQVFhcYGRobBtz5ZjmWU9foTzkvPE1cf/U+IXpypD7Sho2LCDALIKIgjHU51+8guTF/0RTVy0daR+kUUc+pPZPIfxgL0ez4SWaQXk0u21RHGeFBi6uenNdQ3M6PXMFwC7nHEDLetc4lTVN+hoiaS6teOYsvTlGOsCW4h0Kd3I2g1ZG/hiOQwke/t6FVAr21hgTD2vGQlWYM20IcKCWGpYXZiGi30NedSq2z02+ipLPSjxNlzuJnDi6NN5SZtwLRHJvAw26W8bdpEoB/P46F/JrTcdx5Jn1g/ub4LWIrjH+VWybpxkGZ2/r1zTlSOgHYDEN+icYSucFoXN+H2FFlbJzKcoW7dGeev1EvC9PjFhJ4e5d/zzEWwd7AOq5GIekQvoW8WRBh36iiJHzg9UvazsOOogGUBd11ZlrNbRmPzSzPGKKN7GIkH/ghiTWqPh1NFG2q5mey4QWdRTnK1U8u2+uGsrdzFTTDzDjHPOYfRikW+IgAz/tnDoyDvsgg1qnQnw==";

    public const string Rs1Body =
        "{\"id\":\"12345\",\"timestamp\":\"2022-07-08T13:24:41.8328711+03:00\",\"payload\":\"" + Rs1Payload + "\"}";

    public const string Rs2IvHex = "202122232425262728292a2b";

    public const string Rs2Plaintext = """{"app_id":12345,"notification_type":"TEST_EVENT","data":"{\"test\":\"TEST\"}"}""";

    public const string Rs2Payload =
        "ICEiIyQlJicoKSorqRjHABzHc2o4RnP88izB1fIng+ju5gqNDYIFfSfVKnAF68c+rHFwiUCiK8QdR0vqzgiI7+5dD1vsGSM/ONd5qYQE91e0w6DF3zbLWpkgiJJChZmy+zD9RElhoB6ejQ==";

    public static byte[] Key => Convert.FromHexString(KeyHex);
}
