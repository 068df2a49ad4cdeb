with

source as (

    select * from {{ source('email', 'bounces') }}

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
        cast(id as {{ dbt.type_string() }}) as bounce_id,
        cast(nullif(trim(campaign_id), '') as {{ dbt.type_string() }}) as campaign_id,

        ---------- strings
        -- the recipient's address as the email platform keeps it: malformed and
        -- placeholder addresses become null, as in every staging model
        case when email_rejection is null then {{ normalize_email('email') }} end as email,
        lower(nullif(trim(bounce_type), '')) as bounce_type,
        nullif(trim(reason), '') as reason,

        ---------- booleans
        coalesce(email_rejection = 'malformed_email', false) as has_invalid_email,
        coalesce(email_rejection = 'placeholder_email', false) as is_placeholder_email,
        coalesce(lower(trim(bounce_type)) = 'hard', false) as is_hard_bounce,

        ---------- timestamps
        cast(bounced_at as timestamp) as bounced_at

    from validated

)

select * from renamed
