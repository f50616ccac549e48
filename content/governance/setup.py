"""Groups, permissions and the Clinical review workflow.

Written against an app registry (``apps``) so the data migration (historical models) and the
initial-content loader (real models) share one definition. Every step is idempotent.
"""

GROUP_EDITORS = "Editors"
GROUP_REVIEWERS = "Clinical reviewers"
GROUP_INTAKE = "Intake"
GROUP_ADMINISTRATORS = "Administrators"
WORKFLOW_NAME = "Clinical review"
TASK_NAME = "Clinical review"

# Model permissions per group, as "app_label.codename".
MODEL_PERMISSIONS = {
    GROUP_EDITORS: [
        "wagtailadmin.access_admin",
        "core.add_person",
        "core.change_person",
        "core.add_fact",
        "core.change_fact",
        "articles.add_topic",
        "articles.change_topic",
    ],
    GROUP_REVIEWERS: [
        "wagtailadmin.access_admin",
        "core.add_fact",
        "core.change_fact",
    ],
    # Intake's booking permissions come from the booking app's own migration.
    GROUP_INTAKE: ["wagtailadmin.access_admin"],
    GROUP_ADMINISTRATORS: [
        "wagtailadmin.access_admin",
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.view_group",
        "core.add_person",
        "core.change_person",
        "core.delete_person",
        "core.add_fact",
        "core.change_fact",
        "core.delete_fact",
        "core.change_clinicsettings",
        "articles.add_topic",
        "articles.change_topic",
        "articles.delete_topic",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailcore.add_task",
        "wagtailcore.change_task",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
    ],
}

# Collection permissions (images and documents) on the root collection.
COLLECTION_PERMISSIONS = {
    GROUP_EDITORS: [
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ],
    # Reviewers correct pages under review, images included: they choose and upload them.
    GROUP_REVIEWERS: [
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.choose_document",
    ],
    GROUP_ADMINISTRATORS: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.delete_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.delete_document",
        "wagtaildocs.choose_document",
    ],
}

# Page permissions on the article index (and so every article and the FAQ below it). Editors
# cannot publish: their pages go through the Clinical review workflow. Reviewers may correct
# a page while reviewing it; approval publishes it.
ARTICLE_INDEX_PAGE_PERMISSIONS = {
    GROUP_EDITORS: ["add", "change"],
    GROUP_REVIEWERS: ["change"],
}
# Page permissions on the tree root (the whole site).
ROOT_PAGE_PERMISSIONS = {
    GROUP_ADMINISTRATORS: ["add", "change", "publish", "lock", "unlock"],
}


def _permission(apps, dotted):
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = dotted.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def _page_permission(apps, kind):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{kind}_page")


def ensure_groups(apps):
    Group = apps.get_model("auth", "Group")
    groups = {}
    for name in (GROUP_EDITORS, GROUP_REVIEWERS, GROUP_INTAKE, GROUP_ADMINISTRATORS):
        groups[name], _ = Group.objects.get_or_create(name=name)
    for name, dotted_names in MODEL_PERMISSIONS.items():
        perms = [p for p in (_permission(apps, dotted) for dotted in dotted_names) if p]
        groups[name].permissions.add(*perms)

    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for name, dotted_names in COLLECTION_PERMISSIONS.items():
            for dotted in dotted_names:
                perm = _permission(apps, dotted)
                if perm:
                    GroupCollectionPermission.objects.get_or_create(
                        group=groups[name], collection=root_collection, permission=perm
                    )

    Page = apps.get_model("wagtailcore", "Page")
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        grant_page_permissions(apps, root_page, ROOT_PAGE_PERMISSIONS)
    return groups


def limit_editors_to_article_index(apps):
    """Wagtail's install gives its default Editors group add/change on the whole tree; our
    Editors work under the article index only (Administrators edit the other pages)."""
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupPagePermission.objects.filter(group__name=GROUP_EDITORS, page__depth=1).delete()


def grant_page_permissions(apps, page, spec):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for name, kinds in spec.items():
        group, _ = Group.objects.get_or_create(name=name)
        for kind in kinds:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=page.pk, permission=_page_permission(apps, kind)
            )


def ensure_workflow(apps):
    """The Clinical review workflow with its one task, bound to the Clinical reviewers group."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    ClinicalReviewTask = apps.get_model("governance", "ClinicalReviewTask")

    task_type, _ = ContentType.objects.get_or_create(
        app_label="governance", model="clinicalreviewtask"
    )
    task = ClinicalReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = ClinicalReviewTask.objects.create(name=TASK_NAME, content_type=task_type)
    reviewers, _ = Group.objects.get_or_create(name=GROUP_REVIEWERS)
    task.groups.add(reviewers)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task_id=task.pk, defaults={"sort_order": 0}
    )
    return workflow


def assign_to_article_index(apps, index_page):
    """Give the article index (every article and the FAQ) and each of its translations (the
    Spanish /es/aprender/ and its articles) the Clinical review workflow and the page
    permissions."""
    Page = apps.get_model("wagtailcore", "Page")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    workflow = ensure_workflow(apps)
    indexes = Page.objects.filter(translation_key=index_page.translation_key)
    for page in indexes or [index_page]:
        WorkflowPage.objects.update_or_create(page_id=page.pk, defaults={"workflow": workflow})
        grant_page_permissions(apps, page, ARTICLE_INDEX_PAGE_PERMISSIONS)


def mirror_page_rules(apps, source_page, translated_page):
    """A translation gets its source page's own workflow
    and group page permissions, so a Spanish page is reviewed and edited like its English
    source (see translation_keeps_page_rules)."""
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    assigned = WorkflowPage.objects.filter(page_id=source_page.pk).first()
    if assigned is not None:
        WorkflowPage.objects.update_or_create(
            page_id=translated_page.pk, defaults={"workflow_id": assigned.workflow_id}
        )
    for rule in GroupPagePermission.objects.filter(page_id=source_page.pk):
        GroupPagePermission.objects.get_or_create(
            group_id=rule.group_id, page_id=translated_page.pk, permission_id=rule.permission_id
        )


def translation_keeps_page_rules(sender, source_obj, target_obj, **kwargs):
    """copy_for_translation_done receiver: a page translated in the admin (simple_translation's
    "Translate") or by the loader keeps its source's workflow and page permissions, so
    translating the article index gives /es/aprender/ the Clinical review workflow."""
    from django.apps import apps

    if getattr(source_obj, "pk", None) and getattr(target_obj, "pk", None):
        mirror_page_rules(apps, source_obj, target_obj)
