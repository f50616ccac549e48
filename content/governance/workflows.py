"""What happens when a workflow is approved (settings.WAGTAIL_FINISH_WORKFLOW_ACTION)."""


def publish_approved(workflow_state, user=None):
    """Publish the approved revision as the approving reviewer.

    Like Wagtail's default, but without requiring the reviewer to hold the "publish" page
    permission: the approval is the permission. Clinical reviewers therefore cannot publish
    pages directly, only approve other people's submissions.
    """
    obj = workflow_state.content_object
    # Approval may have just saved a revision (the review dates): read the latest one afresh.
    obj.refresh_from_db(fields=["latest_revision"])
    revision = obj.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
