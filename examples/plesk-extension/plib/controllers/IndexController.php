<?php
/**
 * The extension's start page: the license status, with the ready-made snippet
 * (views/scripts/index/license-status.phtml), then whatever the license allows.
 */

declare(strict_types=1);

class IndexController extends pm_Controller_Action
{
    public function indexAction(): void
    {
        $status = Modules_AcmeTools_Licensing::status();
        $this->view->pageTitle = 'Acme Tools';
        $this->view->licenseStatus = $status;
        // Licensed features: gate each one on the license, never on the UI alone.
        $this->view->prioritySupport = Modules_AcmeTools_Licensing::allows($status, 'prioritySupport');
    }
}
