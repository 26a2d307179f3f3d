<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense\Tests;

use IsvLicensing\PleskLicense\KeySet;
use IsvLicensing\PleskLicense\LicenseVerifier;
use IsvLicensing\PleskLicense\Policy;
use IsvLicensing\PleskLicense\RevocationList;
use PHPUnit\Framework\TestCase;

/**
 * tests/IntegrationTests/Isv/verdicts.json through the PHP library: the same bodies and policies give the same
 * verdicts as the .NET verifier and the verify tool (VerdictTableTests.cs). Every disagreement is listed.
 */
final class VerdictTableTest extends TestCase
{
    public function testTheLibraryGivesEveryVerdictOfTheTable(): void
    {
        $keys = KeySet::fromJwks(Fixtures::jwks());
        $revocations = RevocationList::verify(Fixtures::revocations(), $keys, 'orleans-licensing');
        $cases = Fixtures::verdicts();
        $disagreements = [];
        foreach ($cases as $case) {
            $p = $case['policy'];
            $policy = (new Policy($p['issuer'] ?? 'orleans-licensing'))
                ->withActivation($p['activation'] ?? null)
                ->withProducts($p['products'] ?? [])
                ->withEditions($p['editions'] ?? [])
                ->withRequiredFeatures($p['features'] ?? [])
                ->allowingTestLicenses($p['allowTest'] ?? false)
                ->withGracePeriod(86400 * ($p['graceDays'] ?? 0));
            $verifier = new LicenseVerifier($keys, $policy, ($case['revocations'] ?? true) ? $revocations : null);
            $result = $verifier->verify(Fixtures::body($case['body']), time());
            $inGrace = $case['inGrace'] ?? false;
            if ($result->failure !== $case['expected'] || $result->inGracePeriod !== $inGrace) {
                $disagreements[] = sprintf('%s: PHP %s (in grace: %s; %s), expected %s (in grace: %s)', $case['name'], $result->failure,
                    var_export($result->inGracePeriod, true), $result->detail, $case['expected'], var_export($inGrace, true));
            }
        }

        self::assertSame([], $disagreements, implode("\n", $disagreements));
        self::assertGreaterThanOrEqual(20, count($cases), 'the table lost its rows');
    }
}
