using System.Net;
using System.Net.Sockets;

namespace Orleans.Licensing.IntegrationTests.Support;

/// <summary>
/// HTTP clients whose connections come from a chosen loopback address (Linux routes all of 127/8 to lo), so a test
/// can be a client of its own to the service's address rules and login throttle.
/// </summary>
internal static class LoopbackClient
{
    public static HttpClient From(string localAddress, Uri baseAddress) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellation) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
            await socket.ConnectAsync(context.DnsEndPoint, cancellation);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    { BaseAddress = baseAddress };
}
