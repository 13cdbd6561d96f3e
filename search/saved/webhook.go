package saved

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// ErrForbiddenAddress is the error of a webhook aimed at an address webhooks may
// not reach: loopback, private, link-local, unique-local, multicast or unspecified
// (the server's own network, its cloud's metadata service), unless the operator
// allows its network.
var ErrForbiddenAddress = errors.New("webhooks may not reach this address")

// DefaultDelays are the waits before each retry of a failed delivery: quick ones
// for a blip, then longer, so that a receiver down for an hour (a deploy, a
// restart) still gets the news; the last attempt is about seven hours after the
// first. A delivery falling due while no process runs is sent by the next one.
var DefaultDelays = []time.Duration{time.Second, 5 * time.Second, 25 * time.Second, 2 * time.Minute, 10 * time.Minute, time.Hour, 6 * time.Hour}

// NewNotifier returns a notifier whose deliveries reach only public addresses and
// the networks in allow, checked on the address each connection is made to (so a
// name that resolves to another address later, by DNS rebinding, cannot slip
// past), that follows no redirect, and that retries after 1, 5 and 25 seconds.
func NewNotifier(allow []netip.Prefix) Notifier {
	n := Notifier{Allow: allow, Delays: DefaultDelays}
	d := &net.Dialer{Timeout: 10 * time.Second, Control: func(_, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("%w: %s", ErrForbiddenAddress, address)
		}
		return n.checkAddr(ap.Addr())
	}}
	tr := &http.Transport{DialContext: d.DialContext, TLSHandshakeTimeout: 10 * time.Second,
		ResponseHeaderTimeout: 15 * time.Second, MaxIdleConns: 4, IdleConnTimeout: 30 * time.Second}
	n.Client = &http.Client{Transport: tr, Timeout: 15 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return n
}

// checkAddr refuses addresses webhooks may not reach (see ErrForbiddenAddress).
func (n Notifier) checkAddr(a netip.Addr) error {
	a = a.Unmap()
	for _, p := range n.Allow {
		if p.Contains(a) {
			return nil
		}
	}
	if a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsMulticast() || a.IsUnspecified() || a.IsInterfaceLocalMulticast() {
		return fmt.Errorf("%w: %s", ErrForbiddenAddress, a)
	}
	for _, p := range notPublic {
		if p.Contains(a) {
			return fmt.Errorf("%w: %s", ErrForbiddenAddress, a)
		}
	}
	return nil
}

// notPublic are the other ranges no public receiver is in: "this network",
// carrier-grade NAT, IETF protocol assignments, benchmarking, reserved, and the
// IPv6 forms that carry an IPv4 address (NAT64, 6to4), which could hide a private one.
var notPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"),
	netip.MustParsePrefix("2002::/16"),
}

// CheckURL says why a webhook URL is refused, or nil: it must be http(s) with a
// host, carry no credentials (they would be shown back with the saved query), and
// not name a forbidden address or a number that is no IP address (0x7f000001,
// 2130706433: some resolvers read those as addresses).
func (n Notifier) CheckURL(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return Invalid("webhook-unreadable")
	case u.Scheme != "http" && u.Scheme != "https":
		return Invalid("webhook-scheme")
	case u.Hostname() == "":
		return Invalid("webhook-host")
	case u.User != nil:
		return Invalid("webhook-credentials")
	}
	host := u.Hostname()
	if a, err := netip.ParseAddr(host); err == nil {
		if err := n.checkAddr(a); err != nil {
			return &InvalidError{Err: err}
		}
		return nil
	}
	if numericHost(host) {
		return Invalid("webhook-numeric", host)
	}
	if h := strings.ToLower(strings.TrimSuffix(host, ".")); h == "localhost" || strings.HasSuffix(h, ".localhost") {
		if err := n.checkAddr(netip.MustParseAddr("127.0.0.1")); err != nil {
			return &InvalidError{Err: err}
		}
	}
	return nil
}

// numericHost reports whether every label of host is a decimal, octal or hex
// number (2130706433, 0x7f000001, 127.1): not a name, and not an address that
// netip reads, yet some resolvers take it for one.
func numericHost(host string) bool {
	for _, l := range strings.Split(strings.ToLower(strings.TrimSuffix(host, ".")), ".") {
		digits := strings.TrimPrefix(l, "0x")
		if digits == "" || strings.Trim(digits, "0123456789abcdef") != "" || (digits == l && strings.Trim(l, "0123456789") != "") {
			return false
		}
	}
	return true
}

// deliveryError summarises why a delivery failed, without the details a caller
// could use to map the network behind the server.
func deliveryError(err error) string {
	var dns *net.DNSError
	var ne net.Error
	switch {
	case errors.Is(err, ErrForbiddenAddress):
		return "not delivered: the address is not allowed for webhooks"
	case errors.As(err, &dns):
		return "not delivered: host not found"
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET):
		return "not delivered: connection refused"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "not delivered: timed out"
	}
	var se *statusError
	if errors.As(err, &se) {
		return fmt.Sprintf("not accepted: the receiver answered %d", se.code)
	}
	return "not delivered"
}

// statusError is a delivery the receiver answered with an error status.
type statusError struct{ code int }

func (e *statusError) Error() string { return fmt.Sprintf("webhook answered %d", e.code) }
