using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace Payments.Entitlements.Users;

/// <summary>
/// Asks the game's own endpoint whether a user exists (<see cref="UserValidationMode.Callback"/>):
/// <c>GET</c> <see cref="UserValidationOptions.CallbackUrl"/> with the escaped user id in place of <c>{userId}</c>;
/// 200 or 204 = known, 404 = unknown, anything else, a redirect included, or no answer within
/// <see cref="UserValidationOptions.CallbackTimeout"/> = <see cref="UserCallbackFailedException"/>. One attempt only:
/// Xsolla waits about 3 seconds for the whole answer.
/// </summary>
internal sealed class GameUserCallback(HttpClient http, IOptions<UserValidationOptions> options)
{
    public async Task<bool> IsKnownAsync(string userId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var url = settings.CallbackUrl!.Replace(UserValidationOptions.UserIdPlaceholder, Uri.EscapeDataString(userId), StringComparison.Ordinal);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.CallbackTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            return response.StatusCode switch
            {
                HttpStatusCode.OK or HttpStatusCode.NoContent => true,
                HttpStatusCode.NotFound => false,
                var status => throw new UserCallbackFailedException(
                    string.Create(CultureInfo.InvariantCulture, $"The game's user endpoint answered {(int)status}; only 200, 204 and 404 are answers.")),
            };
        }
        catch (OperationCanceledException exception) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new UserCallbackFailedException(
                string.Create(CultureInfo.InvariantCulture, $"The game's user endpoint did not answer within {settings.CallbackTimeout.TotalMilliseconds:0} ms."),
                exception);
        }
        catch (HttpRequestException exception)
        {
            // The message names the host and the socket error, never the URL (it may carry a token).
            throw new UserCallbackFailedException($"The game's user endpoint could not be reached: {exception.HttpRequestError}.", exception);
        }
    }
}
