{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='subscriber_id',
        on_schema_change='append_new_columns',
        post_hook=["{{ delete_records_gone_from(source('email', 'subscribers'), 'subscriber_id') }}"]
    )
}}
{#- Incremental by record (delete+insert on subscriber_id): a run restages, from all their raw
    rows, the records with a row loaded since the latest load held (macro
    changed_record_rows); the post-hook deletes records no longer in the raw table. -#}

with

source as (

    {{ changed_record_rows(source('email', 'subscribers'), 'id', '_loaded_at') }}

),

validated as (

    select
        source.*,
        {{ rejection_reason('email', 'email') }} as email_rejection
    from source

),

renamed as (

    select
        ---------- ids
        cast(id as {{ dbt.type_string() }}) as subscriber_id,
        cast(nullif(trim(list_id), '') as {{ dbt.type_string() }}) as list_id,

        ---------- strings
        case when email_rejection is null then {{ normalize_email('email') }} end as email,
        lower(nullif(trim(status), '')) as status,
        {{ clean_display_name('first_name') }} as first_name,
        {{ clean_display_name('last_name') }} as last_name,
        lower(nullif(trim(signup_source), '')) as signup_source,

        ---------- booleans
        coalesce(email_rejection = 'malformed_email', false) as has_invalid_email,
        coalesce(email_rejection = 'placeholder_email', false) as is_placeholder_email,

        ---------- timestamps
        cast(subscribed_at as timestamp) as subscribed_at,
        cast(updated_at as timestamp) as updated_at,
        cast(_loaded_at as timestamp) as loaded_at

    from validated

)

select * from renamed
