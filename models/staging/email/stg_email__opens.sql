with

source as (

    select * from {{ source('email', 'opens') }}

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as open_id,
        cast(nullif(trim(campaign_id), '') as varchar) as campaign_id,

        ---------- strings
        -- the recipient's address as the email platform keeps it: malformed and
        -- placeholder addresses become null, as in every staging model
        case
            when {{ rejection_reason('email', 'email') }} is null
                then {{ normalize_email('email') }}
        end as email,
        nullif(trim(user_agent), '') as user_agent,

        ---------- timestamps
        cast(opened_at as timestamp) as opened_at

    from source

)

select * from renamed
