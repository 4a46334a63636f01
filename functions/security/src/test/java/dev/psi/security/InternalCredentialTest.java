package dev.psi.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class InternalCredentialTest {

    @Test
    void shouldMatchAddressesInsideTheNetworkOnly() throws Exception {
        var network = InternalCredential.Network.parse("10.42.0.0/16");

        assertTrue(network.contains(InetAddress.getByName("10.42.7.9")));
        assertFalse(network.contains(InetAddress.getByName("10.43.0.1")));
        assertFalse(network.contains(InetAddress.getByName("::1")));
        assertTrue(InternalCredential.Network.parse("127.0.0.1").contains(InetAddress.getByName("127.0.0.1")));
    }
}
