package io.github.camelgcptasks.emulator.oidc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Builds a minimal self-signed X.509 certificate (RFC 5280) for an RSA key pair.
 * <p>
 * Google publishes its ID-token keys as PEM certificates too (oauth2/v1/certs), and clients such as
 * {@code TokenVerifier} read only the public key out of them. The JDK can parse certificates but has no public
 * API to create one, and neither nimbus-jose-jwt nor google-auth-library offers it; rather than pull in
 * BouncyCastle for a single certificate, this class writes the few DER structures needed by hand.
 * <p>
 * The certificate is version 1 (no extensions), which RFC 5280 §4.1.2.1 recommends when only basic fields are
 * present. It is parsed back with the JDK's {@link CertificateFactory} so a malformed encoding fails here, not in a
 * client.
 */
final class SelfSignedCertificate {

    // DER tags (X.690)
    private static final int INTEGER = 0x02;
    private static final int BIT_STRING = 0x03;
    private static final int NULL = 0x05;
    private static final int UTF8_STRING = 0x0C;
    private static final int UTC_TIME = 0x17;
    private static final int GENERALIZED_TIME = 0x18;
    private static final int SEQUENCE = 0x30;
    private static final int SET = 0x31;

    // Pre-encoded OBJECT IDENTIFIERs (tag 06, length, value)
    /** 1.2.840.113549.1.1.11 sha256WithRSAEncryption */
    private static final byte[] OID_SHA256_WITH_RSA = {
        0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x0B };
    /** 2.5.4.3 commonName */
    private static final byte[] OID_COMMON_NAME = { 0x06, 0x03, 0x55, 0x04, 0x03 };

    private static final DateTimeFormatter UTC_TIME_FORMAT = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME_FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private SelfSignedCertificate() {
    }

    /**
     * @param keyPair    RSA key pair; the private key signs the certificate, the public key is certified
     * @param commonName subject and issuer CN
     * @param notBefore  start of validity
     * @param validity   how long the certificate is valid
     */
    static X509Certificate create(KeyPair keyPair, String commonName, Instant notBefore, Duration validity) {
        try {
            byte[] signatureAlgorithm = tlv(SEQUENCE, OID_SHA256_WITH_RSA, tlv(NULL));
            byte[] name = tlv(SEQUENCE,
                    tlv(SET, tlv(SEQUENCE, OID_COMMON_NAME, tlv(UTF8_STRING, commonName.getBytes(StandardCharsets.UTF_8)))));
            Instant start = notBefore.truncatedTo(ChronoUnit.SECONDS);
            byte[] tbsCertificate = tlv(SEQUENCE,
                    // version omitted: DEFAULT v1
                    tlv(INTEGER, new BigInteger(63, new SecureRandom()).add(BigInteger.ONE).toByteArray()),
                    signatureAlgorithm,
                    name, // issuer
                    tlv(SEQUENCE, time(start), time(start.plus(validity))),
                    name, // subject
                    keyPair.getPublic().getEncoded()); // already a DER SubjectPublicKeyInfo

            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keyPair.getPrivate());
            signer.update(tbsCertificate);
            byte[] signature = signer.sign();
            byte[] signatureBits = new byte[signature.length + 1]; // leading byte: 0 unused bits
            System.arraycopy(signature, 0, signatureBits, 1, signature.length);

            byte[] der = tlv(SEQUENCE, tbsCertificate, signatureAlgorithm, tlv(BIT_STRING, signatureBits));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create a self-signed certificate", e);
        }
    }

    /** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 on. */
    private static byte[] time(Instant instant) {
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        if (utc.getYear() < 2050) {
            return tlv(UTC_TIME, UTC_TIME_FORMAT.format(utc).getBytes(StandardCharsets.US_ASCII));
        }
        return tlv(GENERALIZED_TIME, GENERALIZED_TIME_FORMAT.format(utc).getBytes(StandardCharsets.US_ASCII));
    }

    /** One DER tag-length-value whose value is the concatenation of {@code parts}. */
    private static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            value.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.size();
        if (length < 0x80) {
            out.write(length); // short form
        } else {
            int lengthBytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | lengthBytes); // long form: count of length bytes, then big-endian length
            for (int i = lengthBytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(value.toByteArray());
        return out.toByteArray();
    }
}
