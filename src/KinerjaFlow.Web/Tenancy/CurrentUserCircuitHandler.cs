using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace KinerjaFlow.Web.Tenancy;

/// <summary>Copies the circuit's authenticated user into <see cref="CurrentUser"/> before the first
/// render and whenever it changes, since HttpContext is not available inside a circuit.</summary>
internal sealed class CurrentUserCircuitHandler(AuthenticationStateProvider authentication, CurrentUser currentUser) : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnChanged;
        currentUser.Principal = (await authentication.GetAuthenticationStateAsync()).User;
    }

    private async void OnChanged(Task<AuthenticationState> state)
    {
        try
        {
            currentUser.Principal = (await state).User;
        }
        catch (InvalidOperationException)
        {
            // The state could not be read; the previous principal stays, and the next request re-authenticates.
        }
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;
}
